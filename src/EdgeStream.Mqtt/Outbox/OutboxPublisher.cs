using System.Threading.Channels;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Publishing;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>
/// Drains the outbox in sequence order through the connection: one publish in flight, so the broker sees the events
/// in the order they were committed, and a row is deleted only after its PUBACK (acknowledgements are batched: a crash
/// re-sends at most one batch, with the same ids). While the broker is away it waits for the connection; a publish
/// that fails is retried with backoff, never skipped. New events keep being committed meanwhile and go after the backlog.
/// </summary>
public sealed class OutboxPublisher : IAsyncDisposable
{
    /// <summary>Rows read per query, and the most PUBACKed rows that wait for one delete.</summary>
    private const int BatchSize = 64;

    private static readonly TimeSpan ExpiryCheck = TimeSpan.FromMinutes(1);

    private readonly OutboxStore _store;
    private readonly MqttConnection _connection;
    private readonly MqttMessages _messages;
    private readonly PendingRetained _retained;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private long _published;
    private long _sinceOutage;
    private volatile bool _outage;

    internal OutboxPublisher(OutboxStore store, MqttConnection connection, MqttMessages messages, PendingRetained retained, ILogger logger, TimeProvider time)
    {
        _store = store;
        _connection = connection;
        _messages = messages;
        _retained = retained;
        _logger = logger;
        _time = time;

        // A backlog from a previous run is drained like one left by an outage, with the same "drained" line at the end.
        _outage = store.Count > 0;
    }

    /// <summary>Events acknowledged by the broker since start.</summary>
    public long Published => Interlocked.Read(ref _published);

    internal void Start() => _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);

    /// <summary>Something new to send (an event was committed, a retained message set).</summary>
    internal void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>An event was committed while the connection was down: it waits, and the end of the wait is logged.</summary>
    internal void NoteWaiting() => _outage = true;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        var nextExpiryCheck = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (_time.GetUtcNow() >= nextExpiryCheck)
                {
                    // First pass: the size of a previous run's backlog is measured here, off the start-up path.
                    _store.MeasureBacklog();
                    _store.DropExpired();
                    nextExpiryCheck = _time.GetUtcNow() + ExpiryCheck;
                }

                if (!_connection.IsConnected && _store.Count > 0)
                {
                    _outage = true;
                }

                await _connection.WaitUntilConnectedAsync(stop);
                var failure = await FlushRetainedAsync(stop) ?? await SendBatchAsync(stop);
                failures = failure is null ? 0 : failures + 1;
                if (failure is not null)
                {
                    var delay = _connection.Settings.Backoff.Delay(failures);
                    OutboxLog.PublishFailed(_logger, failure.Value.What, _store.Count, delay.TotalSeconds, failure.Value.Reason);
                    await Task.Delay(delay, _time, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The publisher must outlive any one failure (a disk error, an unexpected MQTTnet state): it logs, waits, retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                var delay = _connection.Settings.Backoff.Delay(failures);
                OutboxLog.PublisherFailed(_logger, delay.TotalSeconds, ex);
                await DelayUnlessStoppedAsync(delay, stop);
            }
        }
    }

    /// <summary>Sends up to one batch in order; the failure when a publish failed (the rows before it are acknowledged).</summary>
    private async Task<Failure?> SendBatchAsync(CancellationToken stop)
    {
        var rows = _store.ReadOldest(BatchSize);
        if (rows.Count == 0)
        {
            ReportDrained();
            await WaitForWorkAsync(stop);
            return null;
        }

        var next = 0;
        try
        {
            for (; next < rows.Count; next++)
            {
                await _connection.PublishAsync(_messages.StoredEvent(rows[next].Topic, rows[next].Payload), stop);
                Interlocked.Increment(ref _published);
                _sinceOutage++;
            }

            return null;
        }
        catch (MqttPublishException ex)
        {
            _outage = true;
            return new Failure($"event {rows[next].EventId}, sequence {rows[next].Sequence}", ex.Message);
        }
        finally
        {
            if (next > 0)
            {
                _store.Acknowledge(rows[next - 1]);
            }
        }
    }

    /// <summary>Sends the pending retained messages; the failure when one was not acknowledged (it is kept for the next try).</summary>
    private async Task<Failure?> FlushRetainedAsync(CancellationToken stop)
    {
        foreach (var message in _retained.TakeAll())
        {
            try
            {
                await _connection.PublishAsync(message, stop);
            }
            catch (MqttPublishException ex)
            {
                _retained.Restore(message);
                return new Failure($"retained {message.Topic}", ex.Message);
            }
        }

        return null;
    }

    private void ReportDrained()
    {
        if (_outage)
        {
            if (_sinceOutage > 0)
            {
                OutboxLog.Drained(_logger, _sinceOutage);
            }

            _outage = false;
        }

        _sinceOutage = 0;
    }

    /// <summary>Waits for a wake-up, or at most until the next expiry check.</summary>
    private async Task WaitForWorkAsync(CancellationToken stop)
    {
        if (_wake.Reader.TryRead(out _))
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(ExpiryCheck);
        try
        {
            await _wake.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // Nothing came: time for the expiry check.
        }
    }

    private async Task DelayUnlessStoppedAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, _time, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping: the loop condition ends the publisher.
        }
    }

    private readonly record struct Failure(string What, string Reason);
}
