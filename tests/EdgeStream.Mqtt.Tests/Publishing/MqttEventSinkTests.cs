using System.Text.Json;
using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Tests.TestSupport;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Publishing;

/// <summary>The MQTT sink against the real MQTTnet broker in this process, on a free port.</summary>
public sealed class MqttEventSinkTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLog _log = new(output);

    private static MqttOptions Embedded() => new() { Broker = "embedded", EmbeddedPort = 0, PublishTimeoutSeconds = 30 };

    [Fact]
    public async Task PublishAsync_EmbeddedBroker_SubscriberReceivesExactPayloadAtQos1NotRetained()
    {
        await using var sink = await MqttEventSink.StartAsync(Embedded(), Samples.Online(), _log);
        await using var probe = await MqttProbe.StartAsync(sink.Broker!.Port, "edgestream/dev1/cam1/events");
        var events = Enumerable.Range(1, 5).Select(i => Samples.Event(i)).ToList();

        foreach (var e in events)
        {
            await sink.PublishAsync(e, CancellationToken.None);
        }

        foreach (var e in events)
        {
            var received = await probe.NextAsync();
            Assert.Equal("edgestream/dev1/cam1/events", received.Topic);
            Assert.Equal(EventJson.Serialize(e), received.Payload);
            Assert.Equal(1, received.Qos);
            Assert.False(received.Retain);
        }

        var stored = await sink.Broker.Server.GetRetainedMessagesAsync();
        Assert.DoesNotContain(stored, m => m.Topic.EndsWith("/events", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishStateAndStatus_SubscriberJoinsLater_ReceivesRetainedLatest()
    {
        await using var sink = await MqttEventSink.StartAsync(Embedded(), Samples.Online(), _log);
        await sink.PublishStatusAsync(Samples.Status(health: Core.Sources.StreamHealth.Degraded), CancellationToken.None);
        await sink.PublishStatusAsync(Samples.Status(), CancellationToken.None);
        await sink.PublishStateAsync(Samples.State(), CancellationToken.None);

        await using var probe = await MqttProbe.StartAsync(sink.Broker!.Port, "edgestream/dev1/#");
        var seen = await probe.TopicsAsync("edgestream/dev1/cam1/status", "edgestream/dev1/cam1/state");
        var status = seen["edgestream/dev1/cam1/status"];
        var state = seen["edgestream/dev1/cam1/state"];

        Assert.True(status.Retain);
        Assert.Equal(Samples.Status(), EventJson.DeserializeStreamStatus(status.Payload));
        Assert.True(state.Retain);
        Assert.Equal(Samples.State(), EventJson.DeserializeState(state.Payload));
    }

    [Fact]
    public async Task StartAsync_Connected_DeviceStatusOnlineRetainedWithInventory()
    {
        await using var sink = await MqttEventSink.StartAsync(Embedded(), Samples.Online("cam1", "pump1"), _log);
        await using var probe = await MqttProbe.StartAsync(sink.Broker!.Port, "edgestream/dev1/status");

        var received = await probe.NextAsync();
        var status = EventJson.DeserializeDeviceStatus(received.Payload);

        Assert.True(received.Retain);
        Assert.Equal(DeviceState.Online, status.State);
        Assert.Equal(["cam1", "pump1"], status.Streams);
        Assert.Equal("0.1.0", status.Version);
        Assert.NotNull(status.Timestamp);
        Assert.Contains("\"state\":\"online\"", received.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_CleanShutdown_RetainedStatusBecomesOffline()
    {
        var options = Embedded();
        await using var broker = await Broker.EmbeddedBroker.StartAsync(new Broker.EmbeddedBrokerOptions { Port = 0 }, _log);
        options.Broker = broker.Uri;
        var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log);
        await sink.DisposeAsync();

        await using var probe = await MqttProbe.StartAsync(broker.Port, "edgestream/dev1/status");
        var received = await probe.NextAsync();

        Assert.True(received.Retain);
        Assert.Equal(DeviceState.Offline, EventJson.DeserializeDeviceStatus(received.Payload).State);
    }

    [Fact]
    public async Task ConnectionDies_NoDisconnectPacket_BrokerPublishesLastWillThenClientReconnectsOnline()
    {
        await using var broker = await Broker.EmbeddedBroker.StartAsync(new Broker.EmbeddedBrokerOptions { Port = 0 }, _log);
        await using var proxy = new TcpProxy(broker.Port);
        var options = Embedded();
        options.Broker = $"mqtt://127.0.0.1:{proxy.Port}";
        options.ReconnectMinSeconds = 0.2;
        options.ReconnectMaxSeconds = 1;
        await using var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log);
        await using var probe = await MqttProbe.StartAsync(broker.Port, "edgestream/dev1/status");
        Assert.Equal(DeviceState.Online, EventJson.DeserializeDeviceStatus((await probe.NextAsync()).Payload).State);

        // Refused until the will arrived: a reconnect that took the session over first would (rightly) suppress the will.
        proxy.Refuse = true;
        proxy.KillAll();

        var will = await probe.NextAsync();
        proxy.Refuse = false;
        var back = await probe.NextAsync();
        Assert.Equal(DeviceState.Offline, EventJson.DeserializeDeviceStatus(will.Payload).State);
        Assert.Null(EventJson.DeserializeDeviceStatus(will.Payload).Timestamp);
        Assert.Equal(DeviceState.Online, EventJson.DeserializeDeviceStatus(back.Payload).State);
        Assert.True(proxy.Connections >= 2);
    }

    [Fact]
    public async Task PublishAsync_ConnectionDropsAndReturns_EventStillDeliveredAfterReconnect()
    {
        await using var broker = await Broker.EmbeddedBroker.StartAsync(new Broker.EmbeddedBrokerOptions { Port = 0 }, _log);
        await using var proxy = new TcpProxy(broker.Port);
        var options = Embedded();
        options.Broker = $"mqtt://127.0.0.1:{proxy.Port}";
        options.ReconnectMinSeconds = 0.2;
        options.ReconnectMaxSeconds = 0.5;
        await using var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log);
        await using var probe = await MqttProbe.StartAsync(broker.Port, "edgestream/dev1/cam1/events");

        proxy.Refuse = true;
        proxy.KillAll();
        await Eventually.TrueAsync(() => !sink.Connection.WaitUntilConnectedAsync(CancellationToken.None).IsCompleted, "the client notices the dead connection");
        var e = Samples.Event(1);
        var publish = sink.PublishAsync(e, CancellationToken.None);
        var up = sink.Connection.WaitUntilConnectedAsync(CancellationToken.None);
        proxy.Refuse = false;
        await publish;
        await up;

        Assert.Equal(EventJson.Serialize(e), (await probe.NextAsync()).Payload);
    }

    [Fact]
    public async Task PublishAsync_BrokerUnreachableBeyondTimeout_ThrowsPublishExceptionNamingTimeout()
    {
        await using var broker = await Broker.EmbeddedBroker.StartAsync(new Broker.EmbeddedBrokerOptions { Port = 0 }, _log);
        await using var proxy = new TcpProxy(broker.Port);
        var options = Embedded();
        options.Broker = $"mqtt://127.0.0.1:{proxy.Port}";
        options.PublishTimeoutSeconds = 1;
        await using var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log);
        proxy.Refuse = true;
        proxy.KillAll();
        await Eventually.TrueAsync(() => !sink.Connection.IsConnected, "the client notices the dead connection");

        var ex = await Assert.ThrowsAsync<MqttPublishException>(() => sink.PublishAsync(Samples.Event(1), CancellationToken.None));

        Assert.Equal("edgestream/dev1/cam1/events", ex.Topic);
        Assert.Contains("PublishTimeoutSeconds", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WrongPassword_ThrowsPermanentErrorNamingKeysWithoutPassword()
    {
        await using var broker = await Broker.EmbeddedBroker.StartAsync(new Broker.EmbeddedBrokerOptions { Port = 0, Username = "edge", Password = "right-secret" }, _log);
        var options = Embedded();
        options.Broker = broker.Uri;
        options.Username = "edge";
        options.Password = "wrong-secret";

        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => MqttEventSink.StartAsync(options, Samples.Online(), _log));

        output.WriteLine(ex.Message);
        Assert.True(ex.IsPermanent);
        Assert.Contains("BadUserNameOrPassword", ex.Message, StringComparison.Ordinal);
        Assert.Contains("EdgeStream:Mqtt:Username", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Lines, l => l.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_RightPassword_Connects()
    {
        await using var broker = await Broker.EmbeddedBroker.StartAsync(new Broker.EmbeddedBrokerOptions { Port = 0, Username = "edge", Password = "right-secret" }, _log);
        var passwordFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(passwordFile, "right-secret\n");
        var options = Embedded();
        options.Broker = broker.Uri;
        options.Username = "edge";
        options.PasswordFile = passwordFile;

        await using var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log);

        Assert.True(sink.Connection.IsConnected);
        File.Delete(passwordFile);
    }

    [Fact]
    public async Task StartAsync_EmbeddedPortTaken_ThrowsNamingThePortKey()
    {
        await using var first = await Broker.EmbeddedBroker.StartAsync(new Broker.EmbeddedBrokerOptions { Port = 0 }, _log);
        var options = Embedded();
        options.EmbeddedPort = first.Port;

        var ex = await Assert.ThrowsAsync<Broker.EmbeddedBrokerException>(() => MqttEventSink.StartAsync(options, Samples.Online(), _log));

        Assert.Contains("EdgeStream:Mqtt:EmbeddedPort", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ExternalBrokerDown_StartsAndConnectsWhenBrokerComesUp()
    {
        var port = FreePort.Next();
        var options = Embedded();
        options.Broker = $"mqtt://127.0.0.1:{port}";
        options.ReconnectMinSeconds = 0.1;
        options.ReconnectMaxSeconds = 0.3;

        await using var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log);
        Assert.False(sink.Connection.IsConnected);
        await using var broker = await Broker.EmbeddedBroker.StartAsync(new Broker.EmbeddedBrokerOptions { Port = port }, _log);
        await using var probe = await MqttProbe.StartAsync(port, "edgestream/dev1/cam1/events");
        var e = Samples.Event(7);
        await sink.PublishAsync(e, CancellationToken.None);

        Assert.Equal(e.Id, EventJson.DeserializeEvent((await probe.NextAsync()).Payload).Id);
        Assert.Contains(_log.Lines, l => l.Contains("[4001]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_Mqtt311_PublishesSamePayload()
    {
        var options = Embedded();
        options.ProtocolVersion = "3.1.1";
        await using var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log);
        await using var probe = await MqttProbe.StartAsync(sink.Broker!.Port, "edgestream/dev1/cam1/events");
        var e = Samples.Event(1);

        await sink.PublishAsync(e, CancellationToken.None);

        using var doc = JsonDocument.Parse((await probe.NextAsync()).Payload);
        Assert.Equal(e.Id, doc.RootElement.GetProperty("id").GetGuid());
    }

    public void Dispose() => _log.Dispose();
}
