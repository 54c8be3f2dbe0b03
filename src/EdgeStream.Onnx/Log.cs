using Microsoft.Extensions.Logging;

namespace EdgeStream.Onnx;

/// <summary>Every log line of the ONNX Runtime adapter (event ids 4100-4199).</summary>
internal static partial class Log
{
    [LoggerMessage(4100, LogLevel.Information, "Loaded {Model} {Variant} {Layout} on {Provider}: {Files} ({Threads} intra-op thread(s), max batch {MaxBatch})")]
    public static partial void EngineLoaded(ILogger logger, string model, string variant, string layout, string provider, string files, int threads, int maxBatch);

    [LoggerMessage(4101, LogLevel.Warning, "Provider '{Provider}' could not load for {File}; running on CPU instead (set FallbackToCpu=false to fail). Reason: {Reason}")]
    public static partial void ProviderFallback(ILogger logger, string provider, string file, string reason);

    [LoggerMessage(4102, LogLevel.Warning, "{File} has a fixed batch size of 1; windows run one at a time (export with a dynamic batch axis to batch across streams)")]
    public static partial void FixedBatch(ILogger logger, string file);
}
