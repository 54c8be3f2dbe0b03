using EdgeStream.Core.Sources;
using EdgeStream.Core.Windows;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Pipeline;

/// <summary>Every log line of the pipeline stages, with event ids 1000-1099.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(1000, LogLevel.Information, "Pipeline starting on device {Device}: {Streams} streams, {Engines} engines, {Sinks} sinks")]
    public static partial void Starting(ILogger logger, string device, int streams, int engines, int sinks);

    [LoggerMessage(1001, LogLevel.Information, "Pipeline drained: {Steps} steps, {Windows} windows, {Events} events")]
    public static partial void Drained(ILogger logger, long steps, long windows, long events);

    [LoggerMessage(1002, LogLevel.Warning, "Stop requested; drain did not finish within {Seconds} s, queued work abandoned")]
    public static partial void DrainAbandoned(ILogger logger, double seconds);

    [LoggerMessage(1010, LogLevel.Information, "Stream {Stream}: source ended")]
    public static partial void SourceEnded(ILogger logger, string stream);

    [LoggerMessage(1011, LogLevel.Error, "Stream {Stream}: source failed and gave up")]
    public static partial void SourceFailed(ILogger logger, string stream, Exception exception);

    [LoggerMessage(1012, LogLevel.Warning, "Stream {Stream}: step rejected: {Reason} (further rejects are logged at debug level; all are counted)")]
    public static partial void FirstReject(ILogger logger, string stream, string reason);

    [LoggerMessage(1013, LogLevel.Debug, "Stream {Stream}: step rejected: {Reason}")]
    public static partial void Reject(ILogger logger, string stream, string reason);

    [LoggerMessage(1014, LogLevel.Information, "Stream {Stream}: health {Health}{Reason}")]
    public static partial void HealthChanged(ILogger logger, string stream, StreamHealth health, string reason);

    [LoggerMessage(1020, LogLevel.Information, "Stream {Stream}: window reset ({Result}) at step {Sequence}, {Timestamp:O}")]
    public static partial void WindowReset(ILogger logger, string stream, PushResult result, long sequence, DateTimeOffset timestamp);

    [LoggerMessage(1021, LogLevel.Error, "Stream {Stream}: step {Sequence} failed in the step stage")]
    public static partial void StepFailed(ILogger logger, string stream, long sequence, Exception exception);

    [LoggerMessage(1022, LogLevel.Error, "Engine {Model}: encoding {Count} frames failed")]
    public static partial void EncodeFailed(ILogger logger, string model, int count, Exception exception);

    [LoggerMessage(1023, LogLevel.Information, "Stream {Stream}: normalisation warm-up done after {Samples} samples")]
    public static partial void WarmupDone(ILogger logger, string stream, int samples);

    [LoggerMessage(1030, LogLevel.Error, "Engine {Model}: inference on a batch of {Count} windows failed")]
    public static partial void InferenceFailed(ILogger logger, string model, int count, Exception exception);

    [LoggerMessage(1031, LogLevel.Error, "Stream {Stream}: decision on window ending at step {Sequence} failed")]
    public static partial void DecisionFailed(ILogger logger, string stream, long sequence, Exception exception);

    [LoggerMessage(1040, LogLevel.Error, "Sink {Sink}: publishing {What} for stream {Stream} failed")]
    public static partial void SinkFailed(ILogger logger, string sink, string what, string stream, Exception exception);

    [LoggerMessage(1041, LogLevel.Debug, "Stream {Stream}: {Phase} {Label} score {Score:F3}")]
    public static partial void EventProduced(ILogger logger, string stream, Events.EventPhase phase, string label, double score);
}
