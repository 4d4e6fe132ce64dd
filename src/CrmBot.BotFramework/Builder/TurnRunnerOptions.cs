using System.ComponentModel.DataAnnotations;

namespace CrmBot.BotFramework.Builder;

/// <summary>The <c>Turns</c> section of appsettings.json: how bot turns of every channel are run.</summary>
public sealed class TurnRunnerOptions
{
    public const string Section = "Turns";

    /// <summary>A bot turn still running after this long is cancelled (default 2 min), so one stuck turn cannot hold up its conversation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan TurnTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Bot turns running at once across all conversations (default 8). Turns spend most of their time on the CPU
    /// (understanding) and on the store's single writer, so more than a few per core only adds queueing inside the turn.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentTurns { get; set; } = 8;

    /// <summary>
    /// Runs of one accepted activity (default 3: the first and two after restarts) before it is given up, so a message
    /// whose turn crashes the process cannot crash it at every start.
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;
}
