using EdgeStream.Core.Sources;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Sensors.Factory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Mqtt.Sensors;

/// <summary>
/// The topic sources the sensor factory takes (<see cref="SensorSourceFactory"/>'s <c>topicSources</c>): an
/// <see cref="MqttSensorSource"/> per <c>mqtt:</c> stream, each with its own client on the configured broker.
/// </summary>
public static class MqttSensorSources
{
    /// <summary>Sources whose connection settings come from <paramref name="connection"/>, by stream id.</summary>
    /// <param name="connection">Connection settings by stream id (<see cref="ConnectionFrom"/>).</param>
    /// <param name="maxPayloadBytes">Largest message payload a stream takes (<see cref="MqttOptions.MaxPayloadBytes"/>).</param>
    /// <param name="time">The clock samples without a timestamp are stamped with.</param>
    /// <param name="loggers">Where the sources log.</param>
    public static Func<SensorTopicRequest, IStreamSource> From(Func<string, MqttConnectionSettings> connection, int maxPayloadBytes = 1 << 20, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var factory = loggers ?? NullLoggerFactory.Instance;
        return request =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var options = new MqttSensorOptions { Topic = request.Topic, Format = request.Format, Channels = request.Channels, MaxPayloadBytes = maxPayloadBytes };
            return new MqttSensorSource(request.StreamId, options, connection(request.StreamId), time, factory.CreateLogger<MqttSensorSource>());
        };
    }

    /// <summary>
    /// Connection settings from the MQTT options: the configured broker, or the embedded one on
    /// <paramref name="embeddedPort"/> (the port it really listens on: with <c>EmbeddedPort</c> 0 that is known only
    /// once it runs, so the host starts it before making the sources); one client id per stream.
    /// </summary>
    public static Func<string, MqttConnectionSettings> ConnectionFrom(MqttOptions options, string device, int? embeddedPort = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = string.IsNullOrWhiteSpace(options.ClientId) ? $"edgestream-{device}" : options.ClientId;
        return streamId =>
        {
            var settings = MqttConnectionSettings.From(options, BrokerEndpoint.From(options, embeddedPort), $"{prefix}-sensor-{streamId}");
            if (settings.IsMqtt5)
            {
                // MQTT 5's Maximum Packet Size: the broker must not send this client more, so an oversized message is
                // dropped there (Mosquitto logs it) and never fills this process's memory. 3.1.1 has no such property.
                settings.ClientOptions.MaximumPacketSize = (uint)(options.MaxPayloadBytes + MqttOptions.PacketOverheadBytes);
            }

            return settings;
        };
    }
}
