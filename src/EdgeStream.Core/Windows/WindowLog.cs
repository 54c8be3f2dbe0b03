using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Windows;

/// <summary>The window stage's log lines (event ids 1020-1029).</summary>
internal static partial class WindowLog
{
    [LoggerMessage(1020, LogLevel.Information, "Stream {Stream}: window reset ({Result}) at step {Sequence}, {Timestamp:O}")]
    public static partial void WindowReset(ILogger logger, string stream, PushResult result, long sequence, DateTimeOffset timestamp);

    [LoggerMessage(1021, LogLevel.Error, "Stream {Stream}: step {Sequence} failed in the window stage")]
    public static partial void StepFailed(ILogger logger, string stream, long sequence, Exception exception);

    [LoggerMessage(1022, LogLevel.Error, "Engine {Model}: encoding {Count} frames failed")]
    public static partial void EncodeFailed(ILogger logger, string model, int count, Exception exception);

    [LoggerMessage(1023, LogLevel.Information, "Stream {Stream}: normalisation warm-up done after {Samples} samples")]
    public static partial void WarmupDone(ILogger logger, string stream, int samples);

    [LoggerMessage(1024, LogLevel.Warning, "Stream {Stream}: {Why}")]
    public static partial void Starved(ILogger logger, string stream, string why);
}
