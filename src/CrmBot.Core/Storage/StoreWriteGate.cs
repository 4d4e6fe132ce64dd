namespace CrmBot.Core.Storage;

/// <summary>
/// SQLite has one writer at a time. Without this gate, concurrent writers collide on the database lock and
/// Microsoft.Data.Sqlite retries by putting a pool thread to sleep (150 ms a time); with it, the process's writes wait
/// their turn asynchronously and reach SQLite one after another, so a write never finds the lock taken by this
/// process. Other processes (a CLI verb beside the service) are still covered by the connection's busy timeout.
/// One per service provider, i.e. per store.
/// </summary>
public sealed class StoreWriteGate
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task<IAsyncDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Pass(gate);
    }

    private sealed class Pass(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}
