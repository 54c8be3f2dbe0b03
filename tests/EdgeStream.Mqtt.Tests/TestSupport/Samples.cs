using EdgeStream.Core.Events;
using EdgeStream.Core.Sources;

namespace EdgeStream.Mqtt.Tests.TestSupport;

internal static class Samples
{
    public const string Device = "dev1";
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 1, 234, TimeSpan.Zero);

    public static DetectionEvent Event(long sequence, EventPhase phase = EventPhase.Start, string stream = "cam1", string label = "fall", double score = 0.97) => new()
    {
        Id = Guid.NewGuid(),
        Sequence = sequence,
        Type = EventType.Action,
        Phase = phase,
        Device = Device,
        Stream = stream,
        Label = label,
        Score = score,
        Timestamp = T0.AddSeconds(sequence),
        StartedAt = T0,
        EndedAt = phase == EventPhase.End ? T0.AddSeconds(sequence) : null,
        TopK = [new LabelScore(label, score), new LabelScore("walk", 1 - score)],
        Window = new WindowInfo(120 + sequence, 135 + sequence, T0, T0.AddSeconds(0.5), 16, 3),
        Attention = new AttentionInfo([.. Enumerable.Repeat(1.0 / 16, 16)], 128, T0.AddSeconds(0.25)),
        Model = new ModelInfo("action", "1.0.0", new string('a', 64), "int8", "cpu"),
        Latency = new LatencyInfo(12.5, 3.1),
    };

    public static StreamState State(string stream = "cam1") => new(Device, stream, "fall", "fall", 0.97, T0);

    public static StreamStatus Status(string stream = "cam1", StreamHealth health = StreamHealth.Online) =>
        new(Device, stream, health, health == StreamHealth.Online ? null : "stalled: no frame for 5 s", 25.0, 1000, 2, 0, 60, 3, T0);

    public static DeviceStatus Online(params string[] streams) => new()
    {
        Device = Device,
        State = DeviceState.Online,
        Version = "0.1.0",
        Streams = streams.Length == 0 ? ["cam1"] : streams,
        Models = [new DeviceModel("action", "1.0.0", "int8", "cpu")],
        Provider = "cpu",
    };
}
