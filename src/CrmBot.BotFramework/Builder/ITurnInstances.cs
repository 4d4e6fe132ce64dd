namespace CrmBot.BotFramework.Builder;

/// <summary>
/// The processes that run turns from one shared inbox (a scale-out). Each pending turn belongs to the instance that
/// accepted it; a turn whose instance stopped renewing its lease (killed, partitioned) is taken over by a live one,
/// while the turns of a live instance are left alone. Optional: a single process registers none and resumes every
/// pending turn at start-up. Thread-safe.
/// </summary>
public interface ITurnInstances
{
    /// <summary>This process's id, written on every turn it accepts.</summary>
    string InstanceId { get; }

    /// <summary>How often a live instance looks for turns of instances that died.</summary>
    TimeSpan TakeOverInterval { get; }

    /// <summary>Whether the instance still holds its lease; this process always does.</summary>
    Task<bool> IsAliveAsync(string instanceId, CancellationToken cancellationToken);
}
