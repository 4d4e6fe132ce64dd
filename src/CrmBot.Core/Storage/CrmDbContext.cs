using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using CrmBot.Core.Agents;

namespace CrmBot.Core.Storage;

/// <summary>The CRM store: customers, catalogue, orders, knowledge base, conversations and everything the bot did in them.</summary>
public class CrmDbContext(DbContextOptions<CrmDbContext> options) : IdentityDbContext<StaffUser>(options)
{
    private ApplicationServices? applicationServices;

    public DbSet<Agent> Agents => Set<Agent>();

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
        // Changes are detected once, here: the observer's reading of the entries and the save would each walk every
        // tracked entity again.
        bool detect = ChangeTracker.AutoDetectChangesEnabled;
        if (detect)
        {
            ChangeTracker.DetectChanges();
        }
        ChangeTracker.AutoDetectChangesEnabled = false;
        Func<CancellationToken, Task>? committed;
        int saved;
        try
        {
            committed = observer?.Collect(this);
            await using var pass = writeGate is null ? null : await writeGate.EnterAsync(cancellationToken);
            saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
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

internal sealed record ApplicationServices(StoreWriteGate? WriteGate, IStoreChangeObserver? Observer)
{
    public static ApplicationServices Of(DbContext db)
    {
        var services = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;
        return new(services?.GetService(typeof(StoreWriteGate)) as StoreWriteGate, services?.GetService(typeof(IStoreChangeObserver)) as IStoreChangeObserver);
    }
}
