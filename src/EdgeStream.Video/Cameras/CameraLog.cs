using Microsoft.Extensions.Logging;

namespace EdgeStream.Video.Cameras;

/// <summary>Log lines of V4L2 camera sources (event ids 3108; the video adapters use 3100-3199).</summary>
internal static partial class CameraLog
{
    [LoggerMessage(3108, LogLevel.Information, "Stream {StreamId}: camera {Target} opened ({Width}x{Height}, backend {Backend})")]
    public static partial void CameraOpened(ILogger logger, string streamId, string target, int width, int height, string backend);
}
