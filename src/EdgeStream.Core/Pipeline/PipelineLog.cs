using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Pipeline;

/// <summary>The pipeline's own log lines: start, drain (event ids 1000-1009). Each stage logs through its own class.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(1000, LogLevel.Information, "Pipeline starting on device {Device}: {Streams} streams, {Engines} engines, {Sinks} sinks")]
    public static partial void Starting(ILogger logger, string device, int streams, int engines, int sinks);

    [LoggerMessage(1001, LogLevel.Information, "Pipeline drained: {Steps} steps, {Windows} windows, {Events} events")]
    public static partial void Drained(ILogger logger, long steps, long windows, long events);

    [LoggerMessage(1002, LogLevel.Warning, "Stop requested; drain did not finish within {Seconds} s, queued work abandoned")]
    public static partial void DrainAbandoned(ILogger logger, double seconds);
}
