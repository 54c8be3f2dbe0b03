namespace EdgeStream.Core.Events;

/// <summary>
/// One action or anomaly event (docs/events.md). Serialized as camelCase JSON; the contract is
/// <c>schemas/event.schema.json</c>. <see cref="Id"/> is unique per event so subscribers can drop
/// duplicates under at-least-once delivery; <see cref="Sequence"/> counts events per stream.
/// </summary>
public sealed record DetectionEvent
{
    public const string CurrentSchemaVersion = "1.0";

    public string SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required Guid Id { get; init; }
    public required long Sequence { get; init; }
    public required EventType Type { get; init; }
    public required EventPhase Phase { get; init; }
    public required string Device { get; init; }
    public required string Stream { get; init; }
    public required string Label { get; init; }
    public required double Score { get; init; }

    /// <summary>When the decision was taken, in stream time (the last step's timestamp).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>When the event (its label) started, in stream time.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }
    public IReadOnlyList<LabelScore> TopK { get; init; } = [];
    public required WindowInfo Window { get; init; }
    public AttentionInfo? Attention { get; init; }
    public required ModelInfo Model { get; init; }
    public required LatencyInfo Latency { get; init; }
}

public enum EventType
{
    Action,
    Anomaly,
}

public enum EventPhase
{
    Start,
    Update,
    End,
}

public sealed record LabelScore(string Label, double Score);

/// <summary>The window the decision came from: first/last step number and time, steps used and dropped.</summary>
public sealed record WindowInfo(
    long FirstFrame,
    long LastFrame,
    DateTimeOffset FirstTimestamp,
    DateTimeOffset LastTimestamp,
    int FramesUsed,
    long FramesDropped);

/// <summary>Attention weights over the window's steps and the key frame (the step with the highest weight).</summary>
public sealed record AttentionInfo(IReadOnlyList<double> Weights, long KeyFrame, DateTimeOffset KeyFrameTimestamp);

public sealed record ModelInfo(string Name, string Version, string Sha256, string Precision, string Provider);

/// <summary>Capture of the window's last step to decision, and the inference call alone, in milliseconds.</summary>
public sealed record LatencyInfo(double CaptureToDecisionMs, double InferenceMs);
