using Microsoft.Extensions.Logging;

namespace EdgeStream.Video;

/// <summary>All log messages of the video adapters (event ids 3100-3199).</summary>
internal static partial class Log
{
    [LoggerMessage(3100, LogLevel.Information, "Stream {StreamId}: opened {Target} ({Width}x{Height}, {Fps:0.##} fps, {Frames} frames, backend {Backend})")]
    public static partial void FileOpened(ILogger logger, string streamId, string target, int width, int height, double fps, long frames, string backend);

    [LoggerMessage(3101, LogLevel.Information, "Stream {StreamId}: input ended after {Frames} frames: {Reason}")]
    public static partial void SourceEnded(ILogger logger, string streamId, long frames, string reason);

    [LoggerMessage(3102, LogLevel.Warning, "Stream {StreamId}: {Fault}; retry {Attempt} in {DelaySeconds:0.0} s")]
    public static partial void Reconnecting(ILogger logger, string streamId, string fault, int attempt, double delaySeconds);

    [LoggerMessage(3103, LogLevel.Error, "Stream {StreamId}: giving up after {Attempts} failed attempts: {Fault}")]
    public static partial void SourceGaveUp(ILogger logger, string streamId, int attempts, string fault);

    [LoggerMessage(3104, LogLevel.Warning, "Stream {StreamId}: {Target} decoded {Decoded} of {Expected} frames (truncated or corrupt)")]
    public static partial void FileShort(ILogger logger, string streamId, string target, long decoded, long expected);

    [LoggerMessage(3105, LogLevel.Debug, "Stream {StreamId}: looping {Target} (pass {Pass})")]
    public static partial void Looping(ILogger logger, string streamId, string target, int pass);

    [LoggerMessage(3106, LogLevel.Information, "Stream {StreamId}: started {Command}")]
    public static partial void PipeStarted(ILogger logger, string streamId, string command);

    [LoggerMessage(3107, LogLevel.Debug, "Stream {StreamId} stderr: {Line}")]
    public static partial void PipeStderr(ILogger logger, string streamId, string line);

    [LoggerMessage(3108, LogLevel.Information, "Stream {StreamId}: camera {Target} opened ({Width}x{Height}, backend {Backend})")]
    public static partial void CameraOpened(ILogger logger, string streamId, string target, int width, int height, string backend);

    [LoggerMessage(3109, LogLevel.Debug, "OpenCV threads set to {Threads}")]
    public static partial void OpenCvThreads(ILogger logger, int threads);
}
