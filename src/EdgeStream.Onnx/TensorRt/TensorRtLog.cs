using Microsoft.Extensions.Logging;

namespace EdgeStream.Onnx.TensorRt;

/// <summary>Log lines of the TensorRT provider (event id 4153 of the GPU range 4150-4199; the others are in Sessions/SessionLog.cs).</summary>
internal static partial class TensorRtLog
{
    [LoggerMessage(4153, LogLevel.Information, "TensorRT caches for {File}: {Folder}")]
    public static partial void Caches(ILogger logger, string file, string folder);
}
