using EdgeStream.Core.Events;
using EdgeStream.Core.Models;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Decisions;

/// <summary>What every event of one stream shares: device, stream, model, clock, id and sequence source.</summary>
public sealed class EventContext
{
    private long _sequence;

    public EventContext(string device, string stream, EngineInfo engine, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(time);
        Device = device;
        Stream = stream;
        Time = time;
        Model = new ModelInfo(engine.Name, engine.Version, engine.Sha256, engine.Precision, engine.Provider);
    }

    public string Device { get; }

    public string Stream { get; }

    public ModelInfo Model { get; }

    public TimeProvider Time { get; }

    /// <summary>Events produced so far.</summary>
    public long Events => Interlocked.Read(ref _sequence);

    /// <summary>A time-ordered unique id (UUID v7) from the injected clock.</summary>
    public Guid NewId() => Guid.CreateVersion7(Time.GetUtcNow());

    /// <summary>The next per-stream sequence number, starting at 1.</summary>
    public long NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>One event from a judged window: every field the action and anomaly deciders fill the same way.</summary>
    public DetectionEvent CreateEvent(
        in DecisionInput input, EventType type, EventPhase phase, string label, double score,
        DateTimeOffset startedAt, DateTimeOffset? endedAt, IReadOnlyList<LabelScore> topK) => new()
        {
            Id = NewId(),
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
            Window = WindowOf(input.Meta),
            Attention = AttentionOf(input.Attention, input.Stamps),
            Model = Model,
            Latency = new LatencyInfo(input.CaptureToDecisionMs, input.InferenceMs),
        };

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
