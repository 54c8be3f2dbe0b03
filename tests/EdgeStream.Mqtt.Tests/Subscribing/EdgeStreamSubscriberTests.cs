using System.Collections.Concurrent;
using EdgeStream.Core.Events;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Subscribing;
using EdgeStream.Mqtt.Tests.TestSupport;
using EdgeStream.Mqtt.Topics;
using MQTTnet;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Subscribing;

public sealed class EdgeStreamSubscriberTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLog _log = new(output);

    [Fact]
    public async Task ConnectAsync_AllTopics_HandsParsedRetainedStatusesThenLiveEvents()
    {
        await using var sink = await MqttEventSink.StartAsync(new MqttOptions { EmbeddedPort = 0 }, Samples.Online(), _log);
        await sink.PublishStatusAsync(Samples.Status(), CancellationToken.None);
        var received = new ConcurrentQueue<SubscriberMessage>();
        var options = new MqttOptions { EmbeddedPort = sink.Broker!.Port };

        await using var subscriber = await EdgeStreamSubscriber.ConnectAsync(options, (m, _) => Enqueue(received, m), _log);
        await Eventually.TrueAsync(() => received.Count >= 2, "retained device and stream status");
        var e = Samples.Event(1, EventPhase.End);
        await sink.PublishAsync(e, CancellationToken.None);
        await Eventually.TrueAsync(() => received.Any(m => m.Kind == TopicKind.Event), "the event");

        var device = Assert.Single(received, m => m.Kind == TopicKind.DeviceStatus);
        Assert.True(device.Retained);
        Assert.Equal(DeviceState.Online, device.DeviceStatus!.State);
        var status = Assert.Single(received, m => m.Kind == TopicKind.StreamStatus);
        Assert.Equal(Samples.Status(), status.StreamStatus);
        var ev = Assert.Single(received, m => m.Kind == TopicKind.Event);
        Assert.False(ev.Retained);
        Assert.Equal(e.Id, ev.Event!.Id);
        Assert.Equal(e.Window, ev.Event.Window);
        Assert.Equal(e.TopK, ev.Event.TopK);
        Assert.Equal("dev1", ev.Address.Device);
        Assert.Equal("cam1", ev.Address.Stream);
        Assert.Null(ev.Error);
    }

    [Fact]
    public async Task ConnectAsync_StreamFilter_OnlyThatStreamAndDeviceStatus()
    {
        await using var sink = await MqttEventSink.StartAsync(new MqttOptions { EmbeddedPort = 0 }, Samples.Online("cam1", "cam2"), _log);
        var received = new ConcurrentQueue<SubscriberMessage>();
        var options = new MqttOptions { EmbeddedPort = sink.Broker!.Port };
        await using var subscriber = await EdgeStreamSubscriber.ConnectAsync(options, (m, _) => Enqueue(received, m), _log, device: "dev1", stream: "cam2");
        await Eventually.TrueAsync(() => received.Any(m => m.Kind == TopicKind.DeviceStatus), "device status");

        await sink.PublishAsync(Samples.Event(1, stream: "cam1"), CancellationToken.None);
        await sink.PublishAsync(Samples.Event(2, stream: "cam2"), CancellationToken.None);
        await Eventually.TrueAsync(() => received.Any(m => m.Kind == TopicKind.Event), "the cam2 event");

        // cam1's event was published first on the same connection, so it would have arrived before cam2's.
        Assert.All(received.Where(m => m.Kind == TopicKind.Event), m => Assert.Equal("cam2", m.Event!.Stream));
    }

    [Fact]
    public async Task Handler_MalformedPayload_GetsErrorAndKeepsReceiving()
    {
        await using var sink = await MqttEventSink.StartAsync(new MqttOptions { EmbeddedPort = 0 }, Samples.Online(), _log);
        var received = new ConcurrentQueue<SubscriberMessage>();
        var options = new MqttOptions { EmbeddedPort = sink.Broker!.Port };
        await using var subscriber = await EdgeStreamSubscriber.ConnectAsync(options, (m, _) => Enqueue(received, m), _log);
        await Eventually.TrueAsync(() => !received.IsEmpty, "device status");

        var raw = new MqttApplicationMessageBuilder().WithTopic("edgestream/dev1/cam1/events").WithPayload("{not json").WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build();
        await sink.Connection.PublishAsync(raw, CancellationToken.None);
        await sink.PublishAsync(Samples.Event(1), CancellationToken.None);
        await Eventually.TrueAsync(() => received.Count(m => m.Kind == TopicKind.Event) == 2, "both messages");

        var bad = received.First(m => m.Kind == TopicKind.Event);
        Assert.Null(bad.Event);
        Assert.StartsWith("malformed Event payload", bad.Error, StringComparison.Ordinal);
        Assert.NotNull(received.Last(m => m.Kind == TopicKind.Event).Event);
    }

    [Fact]
    public async Task ConnectAsync_NoBroker_ThrowsNamingTheBroker()
    {
        var port = FreePort.Next();
        var options = new MqttOptions { Broker = $"mqtt://127.0.0.1:{port}" };

        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => EdgeStreamSubscriber.ConnectAsync(options, (_, _) => Task.CompletedTask, _log));

        Assert.Contains($"mqtt://127.0.0.1:{port}", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsPermanent);
    }

    private static Task Enqueue(ConcurrentQueue<SubscriberMessage> queue, SubscriberMessage message)
    {
        queue.Enqueue(message);
        return Task.CompletedTask;
    }

    public void Dispose() => _log.Dispose();
}
