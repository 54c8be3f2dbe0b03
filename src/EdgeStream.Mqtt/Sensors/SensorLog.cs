using Microsoft.Extensions.Logging;

namespace EdgeStream.Mqtt.Sensors;

/// <summary>
/// Log lines of the MQTT sensor source. They keep the sensor sources' event ids (3010-3019 of 3000-3099; the CSV
/// source, in EdgeStream.Sensors, has the rest) so log filters written for them still match after the move.
/// </summary>
internal static partial class SensorLog
{
    [LoggerMessage(3010, LogLevel.Information, "Stream {StreamId}: subscribed to '{Topic}' on {Broker}")]
    public static partial void Subscribed(ILogger logger, string streamId, string topic, string broker);

    [LoggerMessage(3012, LogLevel.Warning, "Stream {StreamId}: lost broker {Broker} ({Reason}); reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string streamId, string broker, string reason);

    [LoggerMessage(3013, LogLevel.Error, "Stream {StreamId}: message {Message} on '{Topic}' could not be handled")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string streamId, long message, string topic);
}
