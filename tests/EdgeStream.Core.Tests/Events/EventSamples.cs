using EdgeStream.Core.Events;
using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Tests.Events;

internal static class EventSamples
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 1, 234, TimeSpan.Zero);

    public static DetectionEvent Event(long sequence = 1, EventPhase phase = EventPhase.Start, string stream = "cam1") => new()
    {
        Id = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Sequence = sequence,
        Type = EventType.Action,
        Phase = phase,
        Device = "dev1",
        Stream = stream,
        Label = "fall",
        Score = 0.9712,
        Timestamp = T0,
        StartedAt = T0.AddSeconds(-3.25),
        EndedAt = phase == EventPhase.End ? T0 : null,
        TopK = [new LabelScore("fall", 0.9712), new LabelScore("walk", 0.02)],
        Window = new WindowInfo(120, 135, T0.AddSeconds(-0.5), T0, 16, 0),
        Attention = new AttentionInfo([0.5, 0.5], 130, T0.AddSeconds(-0.2)),
        Model = new ModelInfo("action", "1.0.0", new string('b', 64), "fp32", "cpu"),
        Latency = new LatencyInfo(20.5, 4.25),
    };

    public static StreamStatus Status(StreamHealth health, string? reason = null) =>
        new("dev1", "cam1", health, reason, 24.96, 500, 3, 1, 30, 2, T0);
}
