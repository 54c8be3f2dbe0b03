using Microsoft.Extensions.Logging;

namespace EdgeStream.Sensors;

/// <summary>Every log line of the sensor sources (event ids 3000-3099). Rejected samples are logged by the step writer.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Stream {StreamId}: replaying {Path} ({Channels} channels: {ChannelNames}; delimiter '{Delimiter}'; {Pacing})")]
    public static partial void CsvReplayStarted(ILogger logger, string streamId, string path, int channels, string channelNames, char delimiter, string pacing);

    [LoggerMessage(3001, LogLevel.Information, "Stream {StreamId}: end of {Path} after {Written} samples ({Rejected} rejected)")]
    public static partial void CsvReplayFinished(ILogger logger, string streamId, string path, long written, long rejected);

    [LoggerMessage(3002, LogLevel.Debug, "Stream {StreamId}: {Path} loops (pass {Pass}), timestamps shifted by {Offset}")]
    public static partial void CsvReplayLooped(ILogger logger, string streamId, string path, int pass, TimeSpan offset);

    [LoggerMessage(3003, LogLevel.Warning, "Stream {StreamId}: {Path} has no valid sample; not looping over it")]
    public static partial void CsvReplayNothingValid(ILogger logger, string streamId, string path);

    [LoggerMessage(3010, LogLevel.Information, "Stream {StreamId}: subscribed to '{Topic}' on {Broker}")]
    public static partial void MqttSubscribed(ILogger logger, string streamId, string topic, string broker);

    [LoggerMessage(3011, LogLevel.Warning, "Stream {StreamId}: cannot reach broker {Broker} ({Reason}); retrying in {Delay}")]
    public static partial void MqttConnectFailed(ILogger logger, string streamId, string broker, string reason, TimeSpan delay);

    [LoggerMessage(3012, LogLevel.Warning, "Stream {StreamId}: lost broker {Broker} ({Reason}); reconnecting")]
    public static partial void MqttConnectionLost(ILogger logger, string streamId, string broker, string reason);

    [LoggerMessage(3013, LogLevel.Error, "Stream {StreamId}: message {Message} on '{Topic}' could not be handled")]
    public static partial void MqttMessageFailed(ILogger logger, Exception exception, string streamId, long message, string topic);
}
