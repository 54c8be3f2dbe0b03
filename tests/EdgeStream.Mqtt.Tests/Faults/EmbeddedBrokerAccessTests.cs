using System.Collections.Concurrent;
using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Tests.TestSupport;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Faults;

/// <summary>
/// A local attacker on the embedded broker: only EdgeStream's own publisher (the owner, a per-process password)
/// publishes under the topic prefix; configured users keep everyone else out; no payload is over the limit.
/// </summary>
public sealed class EmbeddedBrokerAccessTests(ITestOutputHelper output) : IDisposable
{
    private const string OwnTopic = "edgestream/edge1/cam1/events";
    private readonly TestLog _log = new(output);
    private readonly BrokerOwner _owner = BrokerOwner.Create();

    [Fact]
    public async Task Publish_AnotherClientUnderThePrefix_NotAuthorizedAndNotRouted()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0, Owner = _owner }, _log);
        var received = new ConcurrentQueue<string>();
        using var subscriber = await ConnectAsync(broker.Port, "watcher");
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue(e.ApplicationMessage.Topic);
            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync("#", MqttQualityOfServiceLevel.AtLeastOnce);
        using var intruder = await ConnectAsync(broker.Port, "intruder");
        using var edgestream = await ConnectAsync(broker.Port, "edgestream-edge1", _owner.Username, _owner.Password);

        var fake = await intruder.PublishStringAsync(OwnTopic, "{\"label\": \"fall\"}", MqttQualityOfServiceLevel.AtLeastOnce);
        var fakeStatus = await intruder.PublishStringAsync("edgestream/edge1/status", "{\"health\": \"online\"}", MqttQualityOfServiceLevel.AtLeastOnce, retain: true);
        var sample = await intruder.PublishStringAsync("plant/pump1/samples", "1.5", MqttQualityOfServiceLevel.AtLeastOnce);
        var real = await edgestream.PublishStringAsync(OwnTopic, "{\"label\": \"walk\"}", MqttQualityOfServiceLevel.AtLeastOnce);
        await Eventually.TrueAsync(() => received.Count >= 2, "the sample and EdgeStream's own event at the subscriber");

        Assert.Equal((MqttClientPublishReasonCode.NotAuthorized, MqttClientPublishReasonCode.NotAuthorized), (fake.ReasonCode, fakeStatus.ReasonCode));
        Assert.Equal((MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.Success), (sample.ReasonCode, real.ReasonCode));
        Assert.Equal(["plant/pump1/samples", OwnTopic], received.Order(StringComparer.Ordinal).Reverse());
        Assert.Empty(await broker.Server.GetRetainedMessagesAsync()); // the fake retained status was not kept
    }

    [Fact]
    public async Task Connect_OwnersNameWithAnotherPassword_Refused()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0, Owner = _owner }, _log);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await RefusalAsync(broker.Port, "impostor", BrokerOwner.OwnerUsername, "guess"));
    }

    [Fact]
    public async Task Connect_UsersConfigured_AnonymousRefusedTheUserAndTheOwnerAccepted()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0, Owner = _owner, Username = "homeassistant", Password = "s3cret" }, _log);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await RefusalAsync(broker.Port, "anonymous"));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await RefusalAsync(broker.Port, "wrong", "homeassistant", "guess"));
        using var user = await ConnectAsync(broker.Port, "ha", "homeassistant", "s3cret");
        using var owner = await ConnectAsync(broker.Port, "edgestream-edge1", _owner.Username, _owner.Password);

        Assert.True(user.IsConnected && owner.IsConnected);
    }

    /// <summary>A 128 MB sample message once took the process from 97 to 802 MB resident: payloads are capped.</summary>
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

    private static async Task<IMqttClient> ConnectAsync(int port, string clientId, string? username = null, string? password = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId);
        if (username is not null)
        {
            options.WithCredentials(username, password);
        }

        var result = await client.ConnectAsync(options.Build());
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            throw new InvalidOperationException($"{clientId} refused: {result.ResultCode}");
        }

        return client;
    }

    /// <summary>The broker's answer to this sign-in (MQTT 5 CONNACK reason code).</summary>
    private static async Task<MqttClientConnectResultCode> RefusalAsync(int port, string clientId, string? username = null, string? password = null)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId);
        if (username is not null)
        {
            options.WithCredentials(username, password);
        }

        var result = await client.ConnectAsync(options.Build());
        return result.ResultCode;
    }
}
