namespace CrmBot.Core.Engine;

/// <summary>
/// One asynchronous lock per conversation, created when a turn needs it and dropped when no turn holds or waits for
/// it, so turns of one conversation run one at a time while different conversations never wait for each other.
/// Thread-safe.
/// </summary>
internal sealed class ConversationGates
{
    private readonly Dictionary<string, Gate> gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string channel, string conversationId, CancellationToken ct)
    {
        var key = channel + "\n" + conversationId;
        Gate gate;
        lock (gates)
        {
            if (!gates.TryGetValue(key, out gate!))
            {
                gates[key] = gate = new Gate();
            }
            gate.Users++;
        }
        try
        {
            await gate.Semaphore.WaitAsync(ct);
        }
        catch
        {
            Leave(key, gate);
            throw;
        }
        return new Pass(this, key, gate);
    }

    private void Leave(string key, Gate gate)
    {
        lock (gates)
        {
            if (--gate.Users == 0)
            {
                gates.Remove(key);
            }
        }
    }

    private sealed class Gate
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Pass(ConversationGates owner, string key, Gate gate) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.Semaphore.Release();
                owner.Leave(key, gate);
            }
        }
    }
}
