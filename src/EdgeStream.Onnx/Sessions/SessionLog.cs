using Microsoft.Extensions.Logging;

namespace EdgeStream.Onnx.Sessions;

/// <summary>
/// Log lines of session creation: provider fallback and step-down, slow GPU session creation, device binding. The event
/// ids stay what they were (4101; GPU lines 4150-4199, TensorRT's 4153 in TensorRt/TensorRtLog.cs); the engine's own
/// lines are in Log.cs (4100-4149).
/// </summary>
internal static partial class SessionLog
{
    [LoggerMessage(4101, LogLevel.Warning, "Provider '{Provider}' could not load for {File}; running on CPU instead (set FallbackToCpu=false to fail). Reason: {Reason}")]
    public static partial void ProviderFallback(ILogger logger, string provider, string file, string reason);

    [LoggerMessage(4150, LogLevel.Warning, "Provider '{Requested}' could not load for {File}; running on {Actual} instead. Reason: {Reason}")]
    public static partial void ProviderStepDown(ILogger logger, string requested, string actual, string file, string reason);

    [LoggerMessage(4151, LogLevel.Information, "Creating the {Provider} session for {File}: {Seconds} s so far ({Note})")]
    public static partial void StillCreating(ILogger logger, string provider, string file, int seconds, string note);

    [LoggerMessage(4152, LogLevel.Information, "{File} on {Provider}: device I/O bound for batch sizes {Sizes}, CUDA graphs {Graphs}, {Host} host memory; warmed up in {Milliseconds} ms")]
    public static partial void DeviceReady(ILogger logger, string file, string provider, string sizes, string graphs, string host, long milliseconds);
}
