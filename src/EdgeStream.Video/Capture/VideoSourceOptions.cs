using EdgeStream.Core.Resilience;

namespace EdgeStream.Video.Capture;

/// <summary>
/// Settings shared by all video sources (configuration section <c>EdgeStream:Video</c>). Per-stream
/// settings (URI, loop, pacing) come from <c>StreamOptions</c>. Checked by <see cref="VideoSourceOptionsRules"/>.
/// </summary>
public sealed class VideoSourceOptions
{
    public const string SectionName = "EdgeStream:Video";

    /// <summary>The ffmpeg executable used for network streams. Default <c>ffmpeg</c> (from PATH; Debian package ffmpeg).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>No frame for this long counts as a fault (pipe and camera sources). Default 10 s.</summary>
    public double StallTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Longest wait for the first frame after (re)starting a pipe source: ffmpeg probes a stream (up to 5 s by
    /// default) and a joining reader waits for the next keyframe. Default 20 s.
    /// </summary>
    public double ConnectTimeoutSeconds { get; set; } = 20;

    /// <summary>Socket I/O timeout handed to ffmpeg (<c>-timeout</c> / <c>-rw_timeout</c>). Default 3 s.</summary>
    public double NetworkTimeoutSeconds { get; set; } = 3;

    /// <summary>First reconnect delay; doubles per consecutive failure. Default 0.5 s.</summary>
    public double ReconnectInitialSeconds { get; set; } = 0.5;

    /// <summary>Longest reconnect delay. Default 30 s.</summary>
    public double ReconnectMaxSeconds { get; set; } = 30;

    /// <summary>Each delay is shortened by a random share of up to this much (in [0, 1)) so cameras don't reconnect in lockstep. Default 0.2.</summary>
    public double ReconnectJitter { get; set; } = 0.2;

    /// <summary>Consecutive failed attempts before a camera/network source gives up (throws). Default: never gives up.</summary>
    public int? MaxReconnectAttempts { get; set; }

    /// <summary>
    /// A video file that cannot be opened or decoded: false (default) reports the stream offline and gives up
    /// (the rest of the pipeline keeps running); true retries with backoff (a file that is being replaced).
    /// </summary>
    public bool RetryFiles { get; set; }

    /// <summary>OpenCV worker threads (<c>cv::setNumThreads</c>), set once per process. Default: 1 on boxes with up to 4 cores, else half the cores.</summary>
    public int? OpenCvThreads { get; set; }

    /// <summary>Lines of ffmpeg's (or the pipe command's) stderr kept for the error message. Default 8.</summary>
    public int StderrTailLines { get; set; } = 8;

    /// <summary>The reconnect backoff these settings describe (one per source: the reconnect loop counts the failures).</summary>
    internal ReconnectBackoff Backoff() =>
        new(TimeSpan.FromSeconds(ReconnectInitialSeconds), TimeSpan.FromSeconds(ReconnectMaxSeconds), ReconnectJitter);
}
