using System.Collections.Concurrent;
using CrmBot.BotFramework.Schema;

namespace CrmBot.Tests.DirectLine;

/// <summary>What the bot was asked to handle, in order. Thread-safe (a concurrent queue).</summary>
public sealed class BotTurnLog
{
    private readonly ConcurrentQueue<Activity> turns = new();

    public void Record(Activity activity) => turns.Enqueue(activity);

    public IReadOnlyList<Activity> Turns => [.. turns];
}
