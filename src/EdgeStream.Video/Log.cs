using Microsoft.Extensions.Logging;

namespace EdgeStream.Video;

/// <summary>Log lines of the video adapter as a whole (event ids 3109; the video adapters use 3100-3199).</summary>
internal static partial class Log
{
    [LoggerMessage(3109, LogLevel.Debug, "OpenCV threads set to {Threads}")]
    public static partial void OpenCvThreads(ILogger logger, int threads);
}
