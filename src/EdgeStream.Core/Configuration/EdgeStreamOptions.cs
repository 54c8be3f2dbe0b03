namespace EdgeStream.Core.Configuration;

/// <summary>
/// The whole configuration (section "EdgeStream" of the JSON config, EDGESTREAM__ environment
/// variables, command-line overrides). Every property documents its default; the host validates
/// the bound object at start-up and rejects unknown keys.
/// </summary>
public sealed class EdgeStreamOptions
{
    public const string SectionName = "EdgeStream";

    /// <summary>Device id used in topics and events. Default: the host name.</summary>
    public string Device { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Models by name (referenced by streams). Default: none; the bundled config names "action" and "anomaly".</summary>
    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The streams to run.</summary>
    public List<StreamOptions> Streams { get; set; } = [];

    public PipelineOptions Pipeline { get; set; } = new();

    /// <summary>MQTT publishing: embedded broker by default, or an external one.</summary>
    public MqttOptions Mqtt { get; set; } = new();

    /// <summary>The durable SQLite outbox in front of MQTT (on by default).</summary>
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>Console and JSONL sinks.</summary>
    public SinkOptions Sinks { get; set; } = new();
}

/// <summary>One model as configured: which folder, variant, layout and provider.</summary>
public sealed class ModelOptions
{
    /// <summary>Folder with manifest.json (relative paths resolve against the config file's folder).</summary>
    public string Path { get; set; } = "";

    /// <summary>Variant name from the manifest (fp32, fp16, int8). Default: the manifest's default.</summary>
    public string? Variant { get; set; }

    /// <summary><c>split</c> or <c>fused</c>. Default: the manifest's default.</summary>
    public string? Layout { get; set; }

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>tensorrt</c>. Default: cpu.</summary>
    public string Provider { get; set; } = "cpu";

    /// <summary>
    /// When <see cref="Provider"/> cannot load (no GPU, CUDA libraries missing), log one clear line and run on CPU.
    /// False stops start-up with the provider's error instead. Default true: an edge box keeps working on CPU.
    /// </summary>
    public bool FallbackToCpu { get; set; } = true;

    /// <summary>ONNX Runtime intra-op threads. Default 1: on small boxes capture and preprocessing need the other cores.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Largest batch of windows (across streams) per inference call. Default 8.</summary>
    public int MaxBatch { get; set; } = 8;

    /// <summary>CUDA/TensorRT settings: CUDA graphs, captured batch sizes, pinned host memory, TensorRT cache folder. Ignored on cpu.</summary>
    public GpuOptions Gpu { get; set; } = new();

    /// <summary>Action labels that never start an event (a background class such as <c>idle</c>). Default: none; the bundled config ignores <c>idle</c>.</summary>
    public List<string> IgnoredLabels { get; set; } = [];
}

/// <summary>One stream: where its input comes from, which model judges it, and per-stream overrides.</summary>
public sealed class StreamOptions
{
    /// <summary>Stream id (topic-safe: letters, digits, '-', '_').</summary>
    public string Id { get; set; } = "";

    /// <summary>
    /// Input: a video file path; <c>/dev/videoN</c> or <c>v4l2:N</c> for a camera; <c>rtsp://</c>, <c>http(s)://</c>,
    /// <c>udp://</c> for network streams (through ffmpeg); <c>pipe:COMMAND</c> for a command writing raw frames;
    /// <c>csv:PATH</c> (or a .csv path) for sensor replay; <c>mqtt:TOPIC</c> for a sensor topic.
    /// </summary>
    public string Uri { get; set; } = "";

    /// <summary>Name of an entry in <see cref="EdgeStreamOptions.Models"/>.</summary>
    public string Model { get; set; } = "";

    /// <summary>Restart a file from the beginning when it ends (a clip used as a camera). Default false.</summary>
    public bool Loop { get; set; }

    /// <summary><c>realtime</c> (paced by timestamps) or <c>fast</c> (as fast as possible). Default realtime.</summary>
    public string Pacing { get; set; } = "realtime";

    /// <summary>Window stride in steps. Default: the manifest's.</summary>
    public int? Stride { get; set; }

    /// <summary>Window length in steps. Only models with a dynamic time axis accept another value. Default: the manifest's.</summary>
    public int? WindowLength { get; set; }

    /// <summary>Score threshold to enter a label. Default: the manifest's.</summary>
    public double? Threshold { get; set; }

    /// <summary>Consecutive windows above threshold to start an event. Default: the manifest's.</summary>
    public int? EnterWindows { get; set; }

    /// <summary>Consecutive windows below threshold to end an event. Default: the manifest's.</summary>
    public int? ExitWindows { get; set; }

    /// <summary>A gap between steps longer than this resets the window (seconds). Default 2.</summary>
    public double MaxGapSeconds { get; set; } = 2;
}

/// <summary>Queue sizes and batching of the channels between stages.</summary>
public sealed class PipelineOptions
{
    /// <summary>Steps queued per stream before the oldest is dropped. Default 8.</summary>
    public int StepQueue { get; set; } = 8;

    /// <summary>Windows queued for inference before the oldest is dropped. Default 32.</summary>
    public int WindowQueue { get; set; } = 32;

    /// <summary>Events queued for the sinks; writers wait when full, events are never dropped. Default 1024.</summary>
    public int EventQueue { get; set; } = 1024;

    /// <summary>Longest wait for a batch to fill, in milliseconds. Default 2.</summary>
    public double MaxBatchWaitMs { get; set; } = 2;

    /// <summary>Each stream's status and state are republished this often (seconds, wall time). Default 5.</summary>
    public double StatusIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Lossless (replay): instead of dropping, a full step or window queue makes its writer wait, so every step
    /// is windowed and every window judged and a replay is deterministic. Live streams want false (freshness). Default false.
    /// </summary>
    public bool Lossless { get; set; }

    /// <summary>After a stop is requested, queued work drains for at most this long (seconds) before it is abandoned. Default 10.</summary>
    public double DrainTimeoutSeconds { get; set; } = 10;
}
