using System.Collections.Concurrent;
using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Tests.TestSupport;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Faults;

/// <summary>The embedded broker caps payloads: a 128 MB sample message once took the process from 97 to 802 MB resident.</summary>
public sealed class EmbeddedBrokerPayloadLimitTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLog _log = new(output);

    [Fact]
    public async Task Publish_OverTheLimit_NotRoutedAndThePublisherDisconnected()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0, MaxPayloadBytes = 1024 }, _log);
        var received = new ConcurrentQueue<int>();
        using var subscriber = await ConnectAsync(broker.Port, "limit-subscriber");
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue((int)e.ApplicationMessage.Payload.Length);
            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync("plant/#", MqttQualityOfServiceLevel.AtLeastOnce);
        using var publisher = await ConnectAsync(broker.Port, "limit-publisher");

        var big = publisher.PublishStringAsync("plant/pump1/samples", new string('x', 200_000), MqttQualityOfServiceLevel.AtLeastOnce);
        await Eventually.TrueAsync(() => !publisher.IsConnected, "the publisher of 200 kB disconnected");
        await Assert.ThrowsAnyAsync<Exception>(() => big); // no PUBACK: the broker closed the connection instead
        using var again = await ConnectAsync(broker.Port, "limit-publisher-2");
        await again.PublishStringAsync("plant/pump1/samples", "{\"values\": [1]}", MqttQualityOfServiceLevel.AtLeastOnce);
        await Eventually.TrueAsync(() => !received.IsEmpty, "the small message at the subscriber");

        Assert.Equal([15], received);
    }

    public void Dispose() => _log.Dispose();

    private static async Task<IMqttClient> ConnectAsync(int port, string clientId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).Build());
        return client;
    }
}
