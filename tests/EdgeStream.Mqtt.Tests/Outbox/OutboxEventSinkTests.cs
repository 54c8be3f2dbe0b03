using System.Buffers;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Tests.TestSupport;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Outbox;

/// <summary>The outbox-backed MQTT sink against the real MQTTnet broker in this process and a real SQLite file.</summary>
public sealed class OutboxEventSinkTests(ITestOutputHelper output) : IDisposable
{
    private const string Events = "edgestream/dev1/+/events";
    private readonly TestLog _log = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-outbox-").FullName;

    private string DbPath => Path.Combine(_folder, "outbox.db");

    [Fact]
    public async Task PublishAsync_Connected_EveryEventArrivesInCommitOrderAndTheOutboxEmpties()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, _log);
        await using var probe = await MqttProbe.StartAsync(broker.Port, Events);
        await using var sink = await StartAsync(broker.Uri);
        var events = Enumerable.Range(1, 200).Select(i => Samples.Event(i, stream: i % 2 == 0 ? "cam1" : "cam2")).ToList();

        foreach (var e in events)
        {
            await sink.PublishAsync(e, CancellationToken.None);
        }

        foreach (var e in events)
        {
            var received = await probe.NextAsync();
            Assert.Equal($"edgestream/dev1/{e.Stream}/events", received.Topic);
            Assert.Equal(EventJson.Serialize(e), received.Payload);
            Assert.Equal(1, received.Qos);
            Assert.False(received.Retain);
        }

        await Eventually.TrueAsync(() => sink.Store.Count == 0, "the outbox empties after the PUBACKs");
        Assert.Equal(200, sink.Publisher.Published);
    }

    [Fact]
    public async Task PublishAsync_BrokerHoldsThePuback_EventStaysCommittedUntilItIsAcknowledged()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, _log);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        broker.Server.InterceptingPublishAsync += async args =>
        {
            if (args.ApplicationMessage.Topic.EndsWith("/events", StringComparison.Ordinal))
            {
                arrived.TrySetResult();
                await release.Task; // MQTTnet sends the PUBACK only after the interceptor returns.
            }
        };
        await using var sink = await StartAsync(broker.Uri);

        await sink.PublishAsync(Samples.Event(1), CancellationToken.None);
        await arrived.Task.WaitAsync(Eventually.Limit);
        await Task.Delay(300); // Give a wrong implementation the chance to delete early; the assertion below does not depend on timing.

        Assert.Equal(1, sink.Store.Count);
        Assert.Equal(0, sink.Publisher.Published);
        release.SetResult();
        await Eventually.TrueAsync(() => sink.Store.Count == 0, "deleted after the PUBACK");
        Assert.Equal(1, sink.Publisher.Published);
    }

    [Fact]
    public async Task PublishAsync_PubackLostWithTheConnection_EventIsSentAgainWithTheSameId()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, _log);
        await using var proxy = new TcpProxy(broker.Port);
        var seen = new List<byte[]>();
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        broker.Server.InterceptingPublishAsync += async args =>
        {
            if (args.ApplicationMessage.Topic.EndsWith("/events", StringComparison.Ordinal))
            {
                lock (seen)
                {
                    seen.Add(args.ApplicationMessage.Payload.ToArray());
                }

                arrived.TrySetResult();
                await release.Task;
            }
        };
        await using var probe = await MqttProbe.StartAsync(broker.Port, Events);
        await using var sink = await StartAsync($"mqtt://127.0.0.1:{proxy.Port}");
        var e = Samples.Event(1);

        await sink.PublishAsync(e, CancellationToken.None);
        await arrived.Task.WaitAsync(Eventually.Limit);
        proxy.KillAll();
        release.SetResult();

        await Eventually.TrueAsync(() => sink.Store.Count == 0, "acknowledged after the reconnect");
        lock (seen)
        {
            Assert.True(seen.Count >= 2, $"the broker saw the event {seen.Count} time(s)");
            Assert.All(seen, copy => Assert.Equal(EventJson.Serialize(e), copy));
        }

        Assert.Equal(e.Id, EventJson.DeserializeEvent((await probe.NextAsync()).Payload).Id);
    }

    [Fact]
    public async Task PublishAsync_BrokerUnreachable_ReturnsAtOnceThenDrainsInOrderAfterReconnect()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, _log);
        await using var proxy = new TcpProxy(broker.Port);
        await using var probe = await MqttProbe.StartAsync(broker.Port, Events);
        await using var sink = await StartAsync($"mqtt://127.0.0.1:{proxy.Port}");
        proxy.Refuse = true;
        proxy.KillAll();
        await Eventually.TrueAsync(() => !sink.Connection.IsConnected, "the client notices the dead connection");
        var events = Enumerable.Range(1, 50).Select(i => Samples.Event(i)).ToList();

        foreach (var e in events)
        {
            var publish = sink.PublishAsync(e, CancellationToken.None);
            Assert.True(publish.IsCompletedSuccessfully, "PublishAsync returns once committed, without waiting for the broker");
        }

        Assert.Equal(50, sink.Store.Count);
        proxy.Refuse = false;

        foreach (var e in events)
        {
            Assert.Equal(e.Id, EventJson.DeserializeEvent((await probe.NextAsync()).Payload).Id);
        }

        await Eventually.TrueAsync(() => sink.Store.Count == 0, "the outbox empties");
        await Eventually.TrueAsync(() => _log.Lines.Any(l => l.Contains("[4055] Outbox drained 50 events", StringComparison.Ordinal)), "the drained line");
    }

    [Fact]
    public async Task Start_BacklogLeftByAPreviousInstance_NewInstanceOnTheSameFileDeliversItInOrder()
    {
        var port = FreePort.Next();
        var events = Enumerable.Range(1, 30).Select(i => Samples.Event(i)).ToList();
        await using (var first = await StartAsync($"mqtt://127.0.0.1:{port}"))
        {
            foreach (var e in events)
            {
                await first.PublishAsync(e, CancellationToken.None);
            }
        }

        Assert.Contains(_log.Lines, l => l.Contains("[4057] Outbox stopped with 30 events", StringComparison.Ordinal));
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = port }, _log);
        await using var probe = await MqttProbe.StartAsync(port, Events);
        await using var second = await StartAsync(broker.Uri);

        foreach (var e in events)
        {
            Assert.Equal(EventJson.Serialize(e), (await probe.NextAsync()).Payload);
        }

        await Eventually.TrueAsync(() => second.Store.Count == 0, "the backlog is acknowledged");
        Assert.Contains(_log.Lines, l => l.Contains("[4050]", StringComparison.Ordinal) && l.Contains("30 events waiting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishStatusAndState_BrokerUnreachable_ReturnAtOnceAndLatestRetainedArrivesAfterReconnect()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, _log);
        await using var proxy = new TcpProxy(broker.Port);
        await using var sink = await StartAsync($"mqtt://127.0.0.1:{proxy.Port}");
        proxy.Refuse = true;
        proxy.KillAll();
        await Eventually.TrueAsync(() => !sink.Connection.IsConnected, "the client notices the dead connection");

        Assert.True(sink.PublishStatusAsync(Samples.Status(health: Core.Sources.StreamHealth.Degraded), CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(sink.PublishStatusAsync(Samples.Status(), CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(sink.PublishStateAsync(Samples.State(), CancellationToken.None).IsCompletedSuccessfully);
        proxy.Refuse = false;
        await sink.WaitUntilDrainedAsync(new CancellationTokenSource(Eventually.Limit).Token);

        await using var probe = await MqttProbe.StartAsync(broker.Port, "edgestream/dev1/cam1/#");
        var seen = await probe.TopicsAsync("edgestream/dev1/cam1/status", "edgestream/dev1/cam1/state");
        Assert.Equal(Samples.Status(), EventJson.DeserializeStreamStatus(seen["edgestream/dev1/cam1/status"].Payload));
        Assert.Equal(Samples.State(), EventJson.DeserializeState(seen["edgestream/dev1/cam1/state"].Payload));
    }

    [Fact]
    public async Task DisposeAsync_ConnectedWithABacklog_DrainsItBeforeDisconnecting()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, _log);
        await using var probe = await MqttProbe.StartAsync(broker.Port, Events);
        var sink = await StartAsync(broker.Uri);
        var events = Enumerable.Range(1, 100).Select(i => Samples.Event(i)).ToList();
        foreach (var e in events)
        {
            await sink.PublishAsync(e, CancellationToken.None);
        }

        await sink.DisposeAsync();

        foreach (var e in events)
        {
            Assert.Equal(e.Id, EventJson.DeserializeEvent((await probe.NextAsync()).Payload).Id);
        }

        Assert.DoesNotContain(_log.Lines, l => l.Contains("[4057]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_SecondSinkOnTheSameFile_StartFailsWithTheKey()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, _log);
        await using var first = await StartAsync(broker.Uri);
        await using var link = await MqttDeviceLink.StartAsync(Options(broker.Uri), Samples.Online(), _log);

        var ex = Assert.Throws<OutboxException>(() => OutboxEventSink.Start(link, new OutboxOptions(), DbPath, _log));

        Assert.Contains("EdgeStream:Outbox:Path", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static MqttOptions Options(string broker) => new()
    {
        Broker = broker,
        ClientId = "edgestream-" + Guid.NewGuid().ToString("N")[..8],
        PublishTimeoutSeconds = 5,
        ReconnectMinSeconds = 0.1,
        ReconnectMaxSeconds = 0.5,
    };

    private async Task<OutboxEventSink> StartAsync(string broker)
    {
        var link = await MqttDeviceLink.StartAsync(Options(broker), Samples.Online(), _log);
        return OutboxEventSink.Start(link, new OutboxOptions(), DbPath, _log);
    }
}
