using EdgeStream.Sensors.Payloads;

namespace EdgeStream.Sensors.Factory;

/// <summary>
/// One sensor stream fed by a message topic (<c>mqtt:TOPIC</c>), as <see cref="SensorSourceFactory"/> read it from the
/// stream's URI. The factory does not know MQTT: the host hands it the adapter's maker of topic sources
/// (EdgeStream.Mqtt's <c>MqttSensorSources</c>), which turns this into a source with its own broker client.
/// </summary>
/// <param name="Channels">Channel names in stream order, if the URI or the model names them.</param>
public sealed record SensorTopicRequest(string StreamId, string Topic, SensorPayloadFormat Format, IReadOnlyList<string>? Channels);
