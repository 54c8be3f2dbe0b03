using System.Threading.Channels;
using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Events;

/// <summary>
/// Publishes each stream's status (health, reason, fps, counters) and state through the sinks: at once when
/// the source reports a health change (<see cref="HealthChanged"/>), every <c>StatusIntervalSeconds</c> of wall
/// time (from the injected <see cref="TimeProvider"/>), and a last time after the drain. A stream the source
/// calls online is reported degraded while the pipeline drops or rejects its steps. Fps is steps accepted per
/// second of wall time over the last interval.
/// </summary>
internal sealed class StatusReporter
{
    private readonly string _device;
    private readonly IReadOnlyList<IStreamTelemetry> _streams;
    private readonly ChannelWriter<PublishItem> _events;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly long[] _lastSteps;
    private readonly long[] _lastTrouble;
    private readonly double[] _fps;
    private readonly string?[] _trouble;
    private long _lastTick;

    public StatusReporter(string device, IReadOnlyList<IStreamTelemetry> streams, ChannelWriter<PublishItem> events, TimeProvider time, TimeSpan interval)
    {
        _device = device;
        _streams = streams;
        _events = events;
        _time = time;
        _interval = interval;
        _lastSteps = new long[streams.Count];
        _lastTrouble = new long[streams.Count];
        _fps = new double[streams.Count];
        _trouble = new string?[streams.Count];
        _lastTick = time.GetTimestamp();
    }

    /// <summary>Steps per second of stream <paramref name="index"/> over the last interval.</summary>
    public double Fps(int index) => Volatile.Read(ref _fps[index]);

    /// <summary>The source of stream <paramref name="index"/> reported a new health: publish it now.</summary>
    public void HealthChanged(int index)
    {
        // Best effort: when the events queue is full the next tick publishes the status.
        _events.TryWrite(PublishItem.Of(_streams[index].Id, Build(index)));
    }

    public StreamStatus Build(int index)
    {
        var stream = _streams[index];
        var (health, reason) = stream.ReadHealth();
        var trouble = Volatile.Read(ref _trouble[index]);
        if (health == StreamHealth.Online && trouble is not null)
        {
            health = StreamHealth.Degraded;
            reason = trouble;
        }

        var c = stream.ReadCounts();
        return new StreamStatus(_device, stream.Id, health, reason, Fps(index), c.Steps, c.Dropped, c.Rejected, c.Windows, c.Events, _time.GetUtcNow());
    }

    public async Task RunAsync(CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                await TickAsync(stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by the pipeline before its final report.
        }
    }

    /// <summary>The last status and state of every stream, after the drain.</summary>
    public async Task FinalAsync(CancellationToken abort)
    {
        for (var i = 0; i < _streams.Count; i++)
        {
            await PublishAsync(i, abort).ConfigureAwait(false);
        }
    }

    private async Task TickAsync(CancellationToken stop)
    {
        var seconds = _time.GetElapsedTime(_lastTick).TotalSeconds;
        _lastTick = _time.GetTimestamp();
        for (var i = 0; i < _streams.Count; i++)
        {
            var c = _streams[i].ReadCounts();
            var troubleCount = c.Dropped + c.Rejected;
            Volatile.Write(ref _fps[i], seconds > 0 ? (c.Steps - _lastSteps[i]) / seconds : 0);
            var newTrouble = troubleCount - _lastTrouble[i];
            Volatile.Write(ref _trouble[i], newTrouble > 0 ? $"{newTrouble} steps or windows dropped or rejected in the last {seconds:F0} s" : null);
            _lastSteps[i] = c.Steps;
            _lastTrouble[i] = troubleCount;
            await PublishAsync(i, stop).ConfigureAwait(false);
        }
    }

    private async Task PublishAsync(int index, CancellationToken cancellationToken)
    {
        var stream = _streams[index];
        await _events.WriteAsync(PublishItem.Of(stream.Id, Build(index)), cancellationToken).ConfigureAwait(false);
        if (stream.CurrentState() is { } state)
        {
            await _events.WriteAsync(PublishItem.Of(stream.Id, state), cancellationToken).ConfigureAwait(false);
        }
    }
}
