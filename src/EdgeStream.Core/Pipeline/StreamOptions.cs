using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Pipeline;

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

    /// <summary>Name of an entry in the root options' <c>Models</c> (<c>EdgeStream:Models</c>).</summary>
    public string Model { get; set; } = "";

    /// <summary>Restart a file from the beginning when it ends (a clip used as a camera). Default false.</summary>
    public bool Loop { get; set; }

    /// <summary>
    /// <c>realtime</c> (paced by timestamps) or <c>fast</c> (as fast as possible), any case; read with
    /// <see cref="Pacings.TryParse"/>. A string, not <see cref="Sources.Pacing"/>, so a wrong value reaches validation
    /// (which names the allowed ones) instead of failing in the configuration binder. Default realtime.
    /// </summary>
    public string Pacing { get; set; } = Pacings.Name(Sources.Pacing.Realtime);

    /// <summary>Window stride in steps. Default: the manifest's.</summary>
    public int? Stride { get; set; }

    /// <summary>Window length in steps; must equal the model's fixed window (the host refuses another value at start-up). Default: the manifest's.</summary>
    public int? WindowLength { get; set; }

    /// <summary>Score threshold to enter a label. Default: the manifest's.</summary>
    public double? Threshold { get; set; }

    /// <summary>Consecutive windows above threshold to start an event. Default: the manifest's.</summary>
    public int? EnterWindows { get; set; }

    /// <summary>Consecutive windows below threshold to end an event. Default: the manifest's.</summary>
    public int? ExitWindows { get; set; }

    /// <summary>
    /// A gap between steps longer than this resets the window (seconds). Default (unset): learned from the stream,
    /// 5x its median step over the first 8 steps and at least 2 s (<c>Windows/GapLimit</c>).
    /// </summary>
    public double? MaxGapSeconds { get; set; }
}
