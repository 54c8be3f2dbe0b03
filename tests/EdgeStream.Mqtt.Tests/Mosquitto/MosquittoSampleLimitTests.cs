using EdgeStream.Core.Sources;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Sensors;
using EdgeStream.Mqtt.Tests.TestSupport;
using EdgeStream.TestSupport.Sensors;
using MQTTnet;

namespace EdgeStream.Mqtt.Tests.Mosquitto;

/// <summary>
/// <c>MaxPayloadBytes</c> at the protocol level: with MQTT 5 the sensor client's Maximum Packet Size makes
/// Mosquitto drop a larger message before it is sent, so it never reaches EdgeStream's memory. (MQTTnet's broker does
/// not honour the property: the embedded one caps publishes itself, EmbeddedBrokerAccessTests, and the source
/// refuses what still arrives, MqttSensorSourceTests.)
/// </summary>
public sealed class MosquittoSampleLimitTests : IDisposable
{
    private const string Topic = "plant/pump1/samples";
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-mosquitto-limit-").FullName;

    [MosquittoFact]
    public async Task RunAsync_Mqtt5AndTheConfiguredLimit_MosquittoNeverSendsTheOversizedMessage()
    {
        await using var broker = await MosquittoBroker.StartAsync(_folder);
        var options = new MqttOptions { Broker = broker.Uri, MaxPayloadBytes = 1024 };
        var settings = MqttSensorSources.ConnectionFrom(options, "edge1")("s");
        var writer = new RecordingWriter(1);
        var source = new MqttSensorSource("s", new MqttSensorOptions { Topic = Topic, MaxPayloadBytes = options.MaxPayloadBytes }, settings);
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);
        await writer.WaitUntilAsync(w => w.Health.Any(h => h.Health == StreamHealth.Online), "the subscription");

        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("limit-publisher").Build());
        await publisher.PublishStringAsync(Topic, """{"ts": 1704067200, "values": [1]}""" + new string(' ', 200_000), MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        await publisher.PublishStringAsync(Topic, """{"ts": 1704067300, "values": [7]}""", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        await writer.WaitUntilAsync(w => w.Written == 1, "the small message's sample");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((uint)(1024 + MqttOptions.PacketOverheadBytes), settings.ClientOptions.MaximumPacketSize);
        Assert.Equal(7f, writer.Steps[0].Values[0]);
        Assert.Empty(writer.Rejects);
        Assert.Equal(1, source.Messages); // the 200 kB message never arrived: Mosquitto dropped it
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
