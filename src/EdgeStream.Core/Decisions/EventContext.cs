using EdgeStream.Core.Events;
using EdgeStream.Core.Models;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Decisions;

/// <summary>What every event of one stream shares: device, stream, its source, model, clock, ids and sequence.</summary>
public sealed class EventContext
{
    private long _sequence;

    public EventContext(string device, string stream, string source, EngineInfo engine, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(time);
        Device = device;
        Stream = stream;
        Source = source;
        Time = time;
        Model = new ModelInfo(engine.Name, engine.Version, engine.Sha256, engine.Precision, engine.Provider);
    }

    public string Device { get; }

    public string Stream { get; }

    /// <summary>The stream's source as configured (its URI): part of every event id.</summary>
    public string Source { get; }

    public ModelInfo Model { get; }

    public TimeProvider Time { get; }

    /// <summary>Events produced so far.</summary>
    public long Events => Interlocked.Read(ref _sequence);

    /// <summary>The id of the event these fields describe (<see cref="EventId"/>): the same input gives the same ids.</summary>
    public Guid IdOf(EventType type, EventPhase phase, string label, DateTimeOffset startedAt, WindowInfo window) =>
        EventId.Of(new EventId.Fields(Device, Stream, Source, Model.Sha256, type, phase, label, startedAt, window));

    /// <summary>The next per-stream sequence number, starting at 1.</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>One event from a judged window: every field the action and anomaly deciders fill the same way.</summary>
    public DetectionEvent CreateEvent(
        in DecisionInput input, EventType type, EventPhase phase, string label, double score,
        DateTimeOffset startedAt, DateTimeOffset? endedAt, IReadOnlyList<LabelScore> topK)
    {
        var window = WindowOf(input.Meta);
        return new()
        {
            Id = IdOf(type, phase, label, startedAt, window),
            Sequence = NextSequence(),
            Type = type,
            Phase = phase,
            Device = Device,
            Stream = Stream,
            Label = label,
            Score = score,
            Timestamp = input.DecisionTime,
            StartedAt = startedAt,
            EndedAt = endedAt,
            TopK = topK,
            Window = window,
            Attention = AttentionOf(input.Attention, input.Stamps),
            Model = Model,
            Latency = new LatencyInfo(input.CaptureToDecisionMs, input.InferenceMs),
        };
    }

    public static WindowInfo WindowOf(in WindowMeta meta) =>
        new(meta.FirstSequence, meta.LastSequence, meta.FirstTimestamp, meta.LastTimestamp, meta.StepsUsed, meta.StepsDropped);

    /// <summary>Attention weights over the window's input steps and the key frame (the step with the highest weight).</summary>
    public static AttentionInfo? AttentionOf(ReadOnlySpan<float> attention, ReadOnlySpan<StepStamp> stamps)
    {
        if (attention.IsEmpty)
        {
            return null;
        }

        var weights = new double[attention.Length];
        for (var i = 0; i < attention.Length; i++)
        {
            weights[i] = attention[i];
        }

        var key = stamps[Math.Min(Softmax.ArgMax(attention), stamps.Length - 1)];
        return new AttentionInfo(weights, key.Sequence, key.Timestamp);
    }
}
