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
    private ApplicationServices? applicationServices;

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
    /// The application's <see cref="StoreWriteGate"/> and <see cref="IStoreChangeObserver"/>, when the context comes
    /// from its service provider (contexts are pooled, so they cannot be constructor parameters); none for a context
    /// built by hand (design time, some tests).
    /// </summary>
    private ApplicationServices Services => applicationServices ??= ApplicationServices.Of(this);

    /// <summary>
    /// Saves through the <see cref="StoreWriteGate"/>, unless a transaction of this context already holds it; then
    /// tells the <see cref="IStoreChangeObserver"/>, once the gate is open again, that the changes are committed.
    /// Changes saved inside an explicit transaction are not observed: only the channel and inbox writes and the seeder
    /// use one, and none of them is a conversation event.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var (writeGate, observer) = Services;
        if (Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var committed = observer?.Collect(this);
        int saved;
        await using (var pass = writeGate is null ? null : await writeGate.EnterAsync(cancellationToken))
        {
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        if (committed is not null)
        {
            await committed(cancellationToken);
        }
        return saved;
    }

    /// <summary>
    /// A transaction for several writes that must commit together, holding the <see cref="StoreWriteGate"/> until it is
    /// disposed; commit it before.
    /// </summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var pass = Services.WriteGate is { } writeGate ? await writeGate.EnterAsync(cancellationToken) : null;
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

internal sealed record ApplicationServices(StoreWriteGate? WriteGate, IStoreChangeObserver? Observer)
{
    public static ApplicationServices Of(DbContext db)
    {
        var services = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        return new(services?.GetService(typeof(StoreWriteGate)) as StoreWriteGate, services?.GetService(typeof(IStoreChangeObserver)) as IStoreChangeObserver);
    }
}
