using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Publishing;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>
/// The MQTT sink behind the durable outbox (docs/reliability.md, "The outbox"): <see cref="PublishAsync"/> commits the event to SQLite
/// (fsynced) and returns, so the pipeline never waits on the network; the <see cref="OutboxPublisher"/> sends it in
/// order and deletes it after the PUBACK. States and statuses are retained latest-values: kept in memory, latest per
/// topic, sent by the same publisher. Delivery is at-least-once: an event whose PUBACK was lost (connection dropped,
/// process killed) is sent again with the same <c>id</c>, so subscribers de-duplicate by <c>id</c>. The broker, the
/// connection and the device's own status belong to the <see cref="MqttDeviceLink"/> it publishes through (and owns).
/// </summary>
public sealed class OutboxEventSink : IEventSink
{
    private readonly MqttDeviceLink _link;
    private readonly PendingRetained _retained = new();
    private readonly ILogger _logger;
    private int _disposed;

    private OutboxEventSink(MqttDeviceLink link, OutboxStore store, ILogger logger, TimeProvider time)
    {
        _link = link;
        Store = store;
        _logger = logger;
        Publisher = new OutboxPublisher(store, link.Connection, link.Messages, _retained, logger, time);
    }

    public string Name => "mqtt+outbox";

    public OutboxStore Store { get; }

    public OutboxPublisher Publisher { get; }

    /// <summary>The link's client connection, which the publisher drains through.</summary>
    public MqttConnection Connection => _link.Connection;

    /// <summary>
    /// Opens the outbox at <paramref name="path"/> (resolved, e.g. by <see cref="OutboxPaths.Resolve"/>) and starts draining
    /// it in the background through <paramref name="link"/>, which the sink then owns. Does not wait for a backlog or a broker.
    /// Throws <see cref="OutboxException"/> when the file cannot be used (in use by another process, folder not writable).
    /// </summary>
    public static OutboxEventSink Start(MqttDeviceLink link, OutboxOptions options, string path, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger("EdgeStream.Mqtt.Outbox");
        var store = OutboxStore.Open(path, OutboxBounds.From(options), logger, time);
        var sink = new OutboxEventSink(link, store, logger, time ?? TimeProvider.System);
        sink.Publisher.Start();
        return sink;
    }

    /// <summary>Returns once the event is committed to the outbox (not when it is delivered); throws <see cref="OutboxException"/> when it cannot be.</summary>
    public Task PublishAsync(DetectionEvent detectionEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(detectionEvent);
        Store.Append(detectionEvent.Id.ToString(), _link.Topics.Events(detectionEvent.Stream), EventJson.Serialize(detectionEvent));
        if (!_link.Connection.IsConnected)
        {
            Publisher.NoteWaiting();
        }

        Publisher.Wake();
        return Task.CompletedTask;
    }

    public Task PublishStateAsync(StreamState state, CancellationToken cancellationToken)
    {
        _retained.Set(_link.Messages.State(state));
        Publisher.Wake();
        return Task.CompletedTask;
    }

    public Task PublishStatusAsync(StreamStatus status, CancellationToken cancellationToken)
    {
        _retained.Set(_link.Messages.StreamStatus(status));
        Publisher.Wake();
        return Task.CompletedTask;
    }

    /// <summary>Waits until every committed event was acknowledged, or the token fires (tests, a graceful stop).</summary>
    public async Task WaitUntilDrainedAsync(CancellationToken cancellationToken)
    {
        while (Store.Count > 0 || !_retained.IsEmpty)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    /// <summary>
    /// While connected, gives the backlog up to the publish timeout to drain; then stops the publisher (what is left stays
    /// in the file for the next start), publishes the offline status and disconnects.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_link.Connection.IsConnected)
        {
            using var grace = new CancellationTokenSource(_link.Connection.Settings.PublishTimeout);
            try
            {
                await WaitUntilDrainedAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // The grace period ended; the rest waits in the file.
            }
        }

        await Publisher.DisposeAsync();
        if (Store.Count > 0)
        {
            OutboxLog.StoppedWithBacklog(_logger, Store.Count, Store.Path);
        }

        await _link.DisposeAsync();
        Store.Dispose();
    }
}
