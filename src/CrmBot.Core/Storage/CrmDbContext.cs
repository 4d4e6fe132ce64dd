using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using CrmBot.Core.Agents;

namespace CrmBot.Core.Storage;

/// <summary>
/// The CRM store: customers, catalogue, orders, knowledge base, conversations and everything the bot did in them.
/// This type is the SQLite store and owns the migrations in <c>Storage/Migrations</c>; PostgreSQL uses
/// <see cref="PostgreSqlCrmDbContext"/>, which only exists so that its migrations are a set of their own. Consumers
/// always ask for <see cref="CrmDbContext"/>.
/// </summary>
public class CrmDbContext : IdentityDbContext<StaffUser>
{
    private ApplicationServices? applicationServices;

    public CrmDbContext(DbContextOptions<CrmDbContext> options) : base(options)
    {
    }

    /// <summary>For a provider's own context type (its options are typed by that type).</summary>
    protected CrmDbContext(DbContextOptions options) : base(options)
    {
    }

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
        StoredTime.MapFunctions(modelBuilder, Database.IsSqlite() ? "INTEGER" : "bigint");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no native date-time-offset type: EF would store text that cannot be compared in SQL. Binary ticks
        // keep ordering, range filters and arithmetic (StoredTime) in the database. PostgreSQL stores the same 64-bit
        // number rather than timestamptz: Npgsql refuses to write a DateTimeOffset whose offset is not zero (report
        // periods are local times, e.g. London's +01:00, and are query parameters), and the analytics then compute the
        // very same figures on both stores with one translation of StoredTime.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        if (Database.IsSqlite())
        {
            // No decimal type either: REAL keeps sums in the database. PostgreSQL's numeric is exact and stays.
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
        // The gate exists for SQLite's single writer. PostgreSQL takes many writers and locks rows: its writes that
        // must not interleave lock what they change (UPDATE … RETURNING, unique keys), which also holds across instances.
        var writeGate = db.Database.IsSqlite() ? services?.GetService(typeof(StoreWriteGate)) as StoreWriteGate : null;
        return new(writeGate, services?.GetService(typeof(IStoreChangeObserver)) as IStoreChangeObserver);
    }
}
