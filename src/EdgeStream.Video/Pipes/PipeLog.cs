using Microsoft.Extensions.Logging;

namespace EdgeStream.Video.Pipes;

/// <summary>Log lines of pipe sources (event ids 3106, 3107; the video adapters use 3100-3199).</summary>
internal static partial class PipeLog
{
    [LoggerMessage(3106, LogLevel.Information, "Stream {StreamId}: started {Command}")]
    public static partial void PipeStarted(ILogger logger, string streamId, string command);

    [LoggerMessage(3107, LogLevel.Debug, "Stream {StreamId} stderr: {Line}")]
    public static partial void PipeStderr(ILogger logger, string streamId, string line);
}
