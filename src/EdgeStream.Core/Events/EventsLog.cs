using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Events;

/// <summary>The publish stage's log lines (event id 1040).</summary>
internal static partial class EventsLog
{
    [LoggerMessage(1040, LogLevel.Error, "Sink {Sink}: publishing {What} for stream {Stream} failed")]
    public static partial void SinkFailed(ILogger logger, string sink, string what, string stream, Exception exception);
}
