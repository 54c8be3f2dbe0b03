using Microsoft.Extensions.Logging;

namespace EdgeStream.Onnx;

/// <summary>
/// Log lines of the ONNX Runtime engine (event ids 4100-4149). Session creation logs its own (Sessions/SessionLog.cs:
/// 4101 and 4150-4152), TensorRT its cache folder (TensorRt/TensorRtLog.cs: 4153).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(4100, LogLevel.Information, "Loaded {Model} {Variant} {Layout} on {Provider}: {Files} ({Threads} intra-op thread(s), max batch {MaxBatch})")]
    public static partial void EngineLoaded(ILogger logger, string model, string variant, string layout, string provider, string files, int threads, int maxBatch);

    [LoggerMessage(4102, LogLevel.Warning, "{File} has a fixed batch size of 1; windows run one at a time (export with a dynamic batch axis to batch across streams)")]
    public static partial void FixedBatch(ILogger logger, string file);
}
