using Microsoft.Extensions.Logging;

namespace EdgeStream.Video.Files;

/// <summary>Log lines of video file sources (event ids 3100, 3104, 3105; the video adapters use 3100-3199).</summary>
internal static partial class FileLog
{
    [LoggerMessage(3100, LogLevel.Information, "Stream {StreamId}: opened {Target} ({Width}x{Height}, {Fps:0.##} fps, {Frames} frames, backend {Backend})")]
    public static partial void FileOpened(ILogger logger, string streamId, string target, int width, int height, double fps, long frames, string backend);

    [LoggerMessage(3104, LogLevel.Warning, "Stream {StreamId}: {Target} decoded {Decoded} of {Expected} frames (truncated or corrupt)")]
    public static partial void FileShort(ILogger logger, string streamId, string target, long decoded, long expected);

    [LoggerMessage(3105, LogLevel.Debug, "Stream {StreamId}: looping {Target} (pass {Pass})")]
    public static partial void Looping(ILogger logger, string streamId, string target, int pass);
}
