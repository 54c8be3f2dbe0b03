using Microsoft.Extensions.Logging;

namespace EdgeStream.Video.Capture;

/// <summary>Log lines of the reconnect loop every video source runs in (event ids 3101, 3102, 3103; the video adapters use 3100-3199).</summary>
internal static partial class CaptureLog
{
    [LoggerMessage(3101, LogLevel.Information, "Stream {StreamId}: input ended after {Frames} frames: {Reason}")]
    public static partial void SourceEnded(ILogger logger, string streamId, long frames, string reason);

    [LoggerMessage(3102, LogLevel.Warning, "Stream {StreamId}: {Fault}; retry {Attempt} in {DelaySeconds:0.0} s")]
    public static partial void Reconnecting(ILogger logger, string streamId, string fault, int attempt, double delaySeconds);

    [LoggerMessage(3103, LogLevel.Error, "Stream {StreamId}: giving up after {Attempts} failed attempts: {Fault}")]
    public static partial void SourceGaveUp(ILogger logger, string streamId, int attempts, string fault);
}
