namespace CrmBot.Core.Storage;

/// <summary>
/// Whether this process may do the store's background work that must run in one place at a time (escalation
/// routing, retention, scheduled erasures). One process holds it at all times; with several instances it is a lease
/// that another instance takes over when its holder stops renewing it. Thread-safe.
/// </summary>
public interface ISharedWorkLease
{
    bool IsHeld { get; }
}

/// <summary>A single process: the work is always this process's.</summary>
internal sealed class SingleProcessLease : ISharedWorkLease
{
    public bool IsHeld => true;
}
