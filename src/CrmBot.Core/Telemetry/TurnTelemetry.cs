using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CrmBot.Core.Telemetry;

/// <summary>
/// CrmBot's own meter and activity source: how long turns take and where the time goes. Instruments are created once
/// through <see cref="IMeterFactory"/> (the host's meters, disposed with it) and are thread-safe, so this is a DI
/// singleton. Tags carry ids, labels and scores only, never what a customer wrote.
/// </summary>
public sealed class TurnTelemetry : IDisposable
{
    /// <summary>The name of both the meter and the activity source, what an exporter subscribes to.</summary>
    public const string Name = "CrmBot";

    public const string ChannelTag = "crmbot.channel";

    // Bucket bounds in milliseconds: understanding one message takes a few, a turn with its saves tens to hundreds.
    private static readonly InstrumentAdvice<double> MillisecondBuckets = new()
    {
        HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000],
    };

    private readonly Histogram<double> _turn;
    private readonly Histogram<double> _understanding;
    private readonly Histogram<double> _store;
    private readonly TimeProvider _time;

    public TurnTelemetry(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        Meter = meters.Create(Name);
        Source = new ActivitySource(Name);
        _turn = Meter.CreateHistogram("crmbot.turn.duration", "ms",
            "Time from the engine receiving a customer message to its answer stored, including the wait behind the same conversation's previous turn",
            advice: MillisecondBuckets);
        _understanding = Meter.CreateHistogram("crmbot.turn.understanding.duration", "ms",
            "Time to understand a customer message: intent, entities and sentiment", advice: MillisecondBuckets);
        _store = Meter.CreateHistogram("crmbot.turn.store.duration", "ms",
            "Time in a turn's saves (the message written ahead, then the answer), with the events handed on after the commit",
            advice: MillisecondBuckets);
    }

    public Meter Meter { get; }

    public ActivitySource Source { get; }

    /// <summary>Starts measuring a turn of <paramref name="channel"/>; dispose the result when the turn is over.</summary>
    public TurnMeasurement StartTurn(string channel)
    {
        var activity = Source.StartActivity("conversation turn");
        activity?.SetTag(ChannelTag, channel);
        return new TurnMeasurement(this, _time, activity, channel);
    }

    internal void Record(string channel, TimeSpan turn, TimeSpan? understanding, TimeSpan? store, string? errorType)
    {
        var tags = new TagList { { ChannelTag, channel } };
        if (understanding is { } u)
        {
            _understanding.Record(u.TotalMilliseconds, tags);
        }
        if (store is { } s)
        {
            _store.Record(s.TotalMilliseconds, tags);
        }
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }
        _turn.Record(turn.TotalMilliseconds, tags);
    }

    public void Dispose() => Source.Dispose();
}
