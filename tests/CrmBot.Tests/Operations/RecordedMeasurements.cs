using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CrmBot.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace CrmBot.Tests.Operations;

/// <summary>
/// What one app's CrmBot meter records while this listens. Other apps started by tests running in parallel have a
/// meter of the same name; only the instruments of this app's <see cref="IMeterFactory"/> are heard.
/// </summary>
public sealed class RecordedMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();

    public RecordedMeasurements(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TurnTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public ConcurrentQueue<Measured> All { get; } = new();

    /// <summary>Values of one instrument, optionally only those carrying a tag with a given value.</summary>
    public IReadOnlyList<double> Of(string instrument, string? tag = null, string? value = null) =>
        All.Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value))).Select(m => m.Value).ToList();

    /// <summary>Asks the observable gauges for their current values (they report only when asked).</summary>
    public void Observe()
    {
        All.Clear();
        _listener.RecordObservableInstruments();
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }
        All.Enqueue(new Measured(instrument.Name, value, copy));
    }

    public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags);
}
