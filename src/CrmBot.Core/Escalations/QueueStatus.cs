namespace CrmBot.Core.Escalations;

/// <summary>An escalation's place in its queue (1 = next) and the expected wait, when there is history to estimate it from.</summary>
public sealed record QueueStatus(int Position, TimeSpan? EstimatedWait)
{
    /// <summary>"You're next in the queue; the wait is usually about 4 minutes."</summary>
    public string Describe()
    {
        var place = Position == 1 ? "You're next in the queue" : $"You're number {Position} in the queue";
        if (EstimatedWait is not { } wait)
        {
            return place + ".";
        }
        var minutes = Math.Max(1, (int)Math.Round(wait.TotalMinutes));
        return $"{place}; the wait is usually about {minutes} minute{(minutes == 1 ? "" : "s")}.";
    }
}
