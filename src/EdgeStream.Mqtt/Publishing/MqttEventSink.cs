using EdgeStream.Core.Events;
using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Mqtt.Publishing;

/// <summary>
/// Publishes events, states and statuses over MQTT (docs/events.md) straight through its <see cref="MqttDeviceLink"/>,
/// which it owns. <see cref="PublishAsync"/> returns only after the broker's PUBACK and throws
/// <see cref="MqttPublishException"/> otherwise. States and statuses are retained and best effort. For delivery that
/// survives outages and restarts, <see cref="Outbox.OutboxEventSink"/> publishes through a link instead.
/// </summary>
public sealed class MqttEventSink(MqttDeviceLink link) : IEventSink
{
    private readonly MqttDeviceLink _link = link ?? throw new ArgumentNullException(nameof(link));

    public string Name => "mqtt";

    /// <summary>The link's client connection.</summary>
    public MqttConnection Connection => _link.Connection;

    /// <summary>The embedded broker the link started, or null for an external broker.</summary>
    public EmbeddedBroker? Broker => _link.Broker;

    /// <summary>Starts a link (<see cref="MqttDeviceLink.StartAsync"/>, which says what it throws) and publishes through it.</summary>
    public static async Task<MqttEventSink> StartAsync(MqttOptions options, DeviceStatus online, ILoggerFactory loggerFactory, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        new(await MqttDeviceLink.StartAsync(options, online, loggerFactory, time, cancellationToken));

    public Task PublishAsync(DetectionEvent detectionEvent, CancellationToken cancellationToken) =>
        _link.Connection.PublishAsync(_link.Messages.Event(detectionEvent), cancellationToken);

    public Task PublishStateAsync(StreamState state, CancellationToken cancellationToken) =>
        _link.BestEffortAsync(_link.Messages.State(state), cancellationToken);

    public Task PublishStatusAsync(StreamStatus status, CancellationToken cancellationToken) =>
        _link.BestEffortAsync(_link.Messages.StreamStatus(status), cancellationToken);

    /// <summary>Publishes the device's <c>offline</c> status, disconnects and stops the embedded broker (the link's clean stop).</summary>
    public ValueTask DisposeAsync() => _link.DisposeAsync();
}
