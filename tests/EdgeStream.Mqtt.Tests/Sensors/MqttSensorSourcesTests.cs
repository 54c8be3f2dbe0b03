using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Sensors;
using EdgeStream.Sensors.Factory;

namespace EdgeStream.Mqtt.Tests.Sensors;

/// <summary>The topic sources the sensor factory is given: one MQTT client per stream, on the configured broker.</summary>
public sealed class MqttSensorSourcesTests
{
    [Fact]
    public void Create_MqttTopic_SourceOnConfiguredBrokerWithItsOwnClientId()
    {
        string? clientId = null;
        var connection = MqttSensorSources.ConnectionFrom(new MqttOptions { Broker = "mqtt://10.0.0.5:1884" }, "edge1");
        var factory = new SensorSourceFactory(Path.GetTempPath(), MqttSensorSources.From(id =>
        {
            var settings = connection(id);
            clientId = settings.ClientId;
            Assert.Equal("mqtt://10.0.0.5:1884", settings.Endpoint.ToString());
            return settings;
        }));

        var source = factory.Create(new SensorStreamRequest("pump1", "mqtt:plant/pump1"));

        Assert.IsType<MqttSensorSource>(source);
        Assert.Equal("pump1", source.StreamId);
        Assert.Equal("edgestream-edge1-sensor-pump1", clientId);
    }

    [Fact]
    public void ConnectionFrom_EmbeddedBrokerOnPortZero_UsesThePortTheBrokerGot()
    {
        var connection = MqttSensorSources.ConnectionFrom(new MqttOptions { EmbeddedPort = 0, ClientId = "box" }, "edge1", embeddedPort: 41883);

        var settings = connection("s1");

        Assert.Equal("mqtt://127.0.0.1:41883", settings.Endpoint.ToString());
        Assert.Equal("box-sensor-s1", settings.ClientId);
    }
}
