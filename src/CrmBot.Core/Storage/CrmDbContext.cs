using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using CrmBot.Core.Agents;
using CrmBot.Core.Conversations;
using CrmBot.Core.Customers;
using CrmBot.Core.DirectLine;
using CrmBot.Core.Escalations;
using CrmBot.Core.Inbox;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Orders;
using CrmBot.Core.Products;
using CrmBot.Core.Recommendations;

namespace CrmBot.Core.Storage;

/// <summary>The CRM store: customers, catalogue, orders, knowledge base, conversations and everything the bot did in them.</summary>
public class CrmDbContext(DbContextOptions<CrmDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    private StoreWriteGate? writeGate;
    private bool writeGateLooked;

    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<ChannelAccount> ChannelAccounts => Set<ChannelAccount>();
    public DbSet<ProductCategory> ProductCategories => Set<ProductCategory>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<KnowledgeArticle> KnowledgeArticles => Set<KnowledgeArticle>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<Escalation> Escalations => Set<Escalation>();
    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<EscalationEvent> EscalationEvents => Set<EscalationEvent>();
    public DbSet<RecommendationEvent> RecommendationEvents => Set<RecommendationEvent>();
    public DbSet<DirectLineConversation> DirectLineConversations => Set<DirectLineConversation>();
    public DbSet<DirectLineActivity> DirectLineActivities => Set<DirectLineActivity>();
    public DbSet<InboxActivity> InboxActivities => Set<InboxActivity>();

    /// <summary>
    /// The application's <see cref="StoreWriteGate"/>, when the context comes from its service provider (contexts are
    /// pooled, so it cannot be a constructor parameter); none for a context built by hand (design time, some tests).
    /// </summary>
    private StoreWriteGate? WriteGate
    {
        get
        {
            if (!writeGateLooked)
            {
                writeGate = this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(StoreWriteGate)) as StoreWriteGate;
                writeGateLooked = true;
            }
            return writeGate;
        }
    }

    /// <summary>Saves through the <see cref="StoreWriteGate"/>, unless a transaction of this context already holds it.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var writeGate = WriteGate;
        if (writeGate is null || Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var pass = await writeGate.EnterAsync(cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// A transaction for several writes that must commit together, holding the <see cref="StoreWriteGate"/> until it is
    /// disposed; commit it before.
    /// </summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var pass = WriteGate is { } writeGate ? await writeGate.EnterAsync(cancellationToken) : null;
        try
        {
            return new WriteTransaction(await Database.BeginTransactionAsync(cancellationToken), pass);
        }
        catch
        {
            if (pass is not null) await pass.DisposeAsync();
            throw;
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Identity's tables (AspNetUsers, AspNetRoles…) live in the same database as the agents they sign in.
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<StaffUser>().Property(u => u.DisplayName).HasMaxLength(100);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CrmDbContext).Assembly);
        if (Database.IsSqlite())
        {
            StoredTime.MapForSqlite(modelBuilder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no native date-time-offset or decimal type: EF would store text that cannot be compared
            // or summed in SQL. Binary ticks and REAL keep ordering, range filters and aggregates in the database.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
        }
    }
}

/// <summary>A transaction that holds the store's write gate; disposing it rolls back what was not committed and opens the gate.</summary>
public sealed class WriteTransaction(IDbContextTransaction transaction, IAsyncDisposable? pass) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            if (pass is not null) await pass.DisposeAsync();
        }
    }
}
