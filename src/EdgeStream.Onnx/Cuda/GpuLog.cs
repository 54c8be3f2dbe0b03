using Microsoft.Extensions.Logging;

namespace EdgeStream.Onnx;

/// <summary>Log lines of the GPU providers (event ids 4150-4199; the rest of the ONNX adapter uses 4100-4149).</summary>
internal static partial class GpuLog
{
    [LoggerMessage(4150, LogLevel.Warning, "Provider '{Requested}' could not load for {File}; running on {Actual} instead. Reason: {Reason}")]
    public static partial void ProviderStepDown(ILogger logger, string requested, string actual, string file, string reason);

    [LoggerMessage(4151, LogLevel.Information, "Creating the {Provider} session for {File}: {Seconds} s so far ({Note})")]
    public static partial void StillCreating(ILogger logger, string provider, string file, int seconds, string note);

    [LoggerMessage(4152, LogLevel.Information, "{File} on {Provider}: device I/O bound for batch sizes {Sizes}, CUDA graphs {Graphs}, {Host} host memory; warmed up in {Milliseconds} ms")]
    public static partial void DeviceReady(ILogger logger, string file, string provider, string sizes, string graphs, string host, long milliseconds);

    [LoggerMessage(4153, LogLevel.Information, "TensorRT caches for {File}: {Folder}")]
    public static partial void TensorRtCache(ILogger logger, string file, string folder);
}
