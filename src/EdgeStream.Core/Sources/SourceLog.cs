using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Sources;

/// <summary>The source side's log lines (event ids 1010-1019).</summary>
internal static partial class SourceLog
{
    [LoggerMessage(1010, LogLevel.Information, "Stream {Stream}: source ended")]
    public static partial void SourceEnded(ILogger logger, string stream);

    [LoggerMessage(1011, LogLevel.Error, "Stream {Stream}: source failed and gave up")]
    public static partial void SourceFailed(ILogger logger, string stream, Exception exception);

    [LoggerMessage(1015, LogLevel.Error, "Stream {Stream}: source gave up: {Reason}")]
    public static partial void SourceGaveUp(ILogger logger, string stream, string reason);

    [LoggerMessage(1012, LogLevel.Warning, "Stream {Stream}: step rejected: {Reason} (further rejects are logged at debug level; all are counted)")]
    public static partial void FirstReject(ILogger logger, string stream, string reason);

    [LoggerMessage(1013, LogLevel.Debug, "Stream {Stream}: step rejected: {Reason}")]
    public static partial void Reject(ILogger logger, string stream, string reason);

    [LoggerMessage(1014, LogLevel.Information, "Stream {Stream}: health {Health}{Reason}")]
    public static partial void HealthChanged(ILogger logger, string stream, StreamHealth health, string reason);
}
