using System.Diagnostics;

namespace CrmBot.Core.Telemetry;

/// <summary>
/// One turn being measured: its span and the time spent understanding and saving. Used by the one turn that created
/// it, never shared. Disposing records the turn's figures and ends the span.
/// </summary>
public sealed class TurnMeasurement : IDisposable
{
    private readonly TurnTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly string _channel;
    private readonly long _started;
    private TimeSpan? _understanding;
    private TimeSpan? _store;
    private string? _errorType;

    internal TurnMeasurement(TurnTelemetry telemetry, TimeProvider time, Activity? activity, string channel)
    {
        _telemetry = telemetry;
        _time = time;
        _channel = channel;
        Activity = activity;
        _started = time.GetTimestamp();
    }

    /// <summary>The turn's span, null when nothing listens.</summary>
    public Activity? Activity { get; }

    public void Understood(TimeSpan elapsed) => _understanding = (_understanding ?? TimeSpan.Zero) + elapsed;

    public void Stored(TimeSpan elapsed) => _store = (_store ?? TimeSpan.Zero) + elapsed;

    /// <summary>How the message was read; labels and scores only (the text stays out of telemetry).</summary>
    public void Describe(string intent, double confidence, string sentimentLabel, double sentimentScore)
    {
        Activity?.SetTag("crmbot.intent", intent);
        Activity?.SetTag("crmbot.intent.confidence", Math.Round(confidence, 4));
        Activity?.SetTag("crmbot.sentiment.label", sentimentLabel);
        Activity?.SetTag("crmbot.sentiment.score", Math.Round(sentimentScore, 4));
    }

    /// <summary>What became of the turn: our conversation id (not the channel's), who answered, whether it was handed to a person.</summary>
    public void Outcome(Guid conversationId, string? handledBy, bool escalated, bool duplicate)
    {
        Activity?.SetTag("crmbot.conversation.id", conversationId.ToString());
        Activity?.SetTag("crmbot.handled_by", handledBy);
        Activity?.SetTag("crmbot.escalated", escalated);
        Activity?.SetTag("crmbot.duplicate", duplicate);
    }

    /// <summary>The turn failed: the exception's type is recorded, not its message (which may quote the customer).</summary>
    public void Failed(Exception exception)
    {
        _errorType = exception.GetType().FullName;
        Activity?.SetStatus(ActivityStatusCode.Error);
        Activity?.SetTag("error.type", _errorType);
    }

    public void Dispose()
    {
        _telemetry.Record(_channel, _time.GetElapsedTime(_started), _understanding, _store, _errorType);
        Activity?.Dispose();
    }
}
