using System.Threading.Channels;
using EdgeStream.Core.Events;
using EdgeStream.Core.Sources;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// Publishes each stream's status (health, reason, fps, counters) and state through the sinks: at once
/// when the source reports a health change, every <c>StatusIntervalSeconds</c> of wall time (from the
/// injected <see cref="TimeProvider"/>), and a last time after the drain. A stream the source calls
/// online is reported degraded while the pipeline drops or rejects its steps. Fps is steps accepted per
/// second of wall time over the last interval.
/// </summary>
internal sealed class StatusReporter
{
    private readonly string _device;
    private readonly IReadOnlyList<StreamRuntime> _streams;
    private readonly ChannelWriter<PublishItem> _events;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly long[] _lastSteps;
    private readonly long[] _lastTrouble;
    private readonly double[] _fps;
    private readonly string?[] _trouble;
    private long _lastTick;

    public StatusReporter(string device, IReadOnlyList<StreamRuntime> streams, ChannelWriter<PublishItem> events, TimeProvider time, TimeSpan interval, ILogger logger)
    {
        _device = device;
        _streams = streams;
        _events = events;
        _time = time;
        _interval = interval;
        _logger = logger;
        _lastSteps = new long[streams.Count];
        _lastTrouble = new long[streams.Count];
        _fps = new double[streams.Count];
        _trouble = new string?[streams.Count];
        _lastTick = time.GetTimestamp();
    }

    public double Fps(StreamRuntime stream) => Volatile.Read(ref _fps[stream.Index]);

    /// <summary>The source reported a health; publishes at once when it changed.</summary>
    public void Report(StreamRuntime stream, StreamHealth health, string? reason)
    {
        if (!stream.SetHealth(health, reason))
        {
            return;
        }

        PipelineLog.HealthChanged(_logger, stream.Id, health, reason is null ? "" : $": {reason}");

        // Best effort: when the events queue is full the next tick publishes the status.
        _events.TryWrite(PublishItem.Of(stream, Build(stream)));
    }

    public StreamStatus Build(StreamRuntime stream)
    {
        var (health, reason) = stream.ReadHealth();
        var trouble = Volatile.Read(ref _trouble[stream.Index]);
        if (health == StreamHealth.Online && trouble is not null)
        {
            health = StreamHealth.Degraded;
            reason = trouble;
        }

        var c = stream.Counters;
        return new StreamStatus(
            _device,
            stream.Id,
            health,
            reason,
            Fps(stream),
            StreamCounters.Read(ref c.Steps),
            StreamCounters.Read(ref c.StepsDropped) + StreamCounters.Read(ref c.WindowsDropped),
            StreamCounters.Read(ref c.Rejected),
            StreamCounters.Read(ref c.Windows),
            stream.EventsProduced,
            _time.GetUtcNow());
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
        foreach (var stream in _streams)
        {
            await _events.WriteAsync(PublishItem.Of(stream, Build(stream)), abort).ConfigureAwait(false);
            if (stream.Decider.CurrentState() is { } state)
            {
                await _events.WriteAsync(PublishItem.Of(stream, state), abort).ConfigureAwait(false);
            }
        }
    }

    private async Task TickAsync(CancellationToken stop)
    {
        var seconds = _time.GetElapsedTime(_lastTick).TotalSeconds;
        _lastTick = _time.GetTimestamp();
        foreach (var stream in _streams)
        {
            var i = stream.Index;
            var c = stream.Counters;
            var steps = StreamCounters.Read(ref c.Steps);
            var dropped = StreamCounters.Read(ref c.StepsDropped) + StreamCounters.Read(ref c.WindowsDropped);
            var rejected = StreamCounters.Read(ref c.Rejected);
            var troubleCount = dropped + rejected;
            Volatile.Write(ref _fps[i], seconds > 0 ? (steps - _lastSteps[i]) / seconds : 0);
            var newTrouble = troubleCount - _lastTrouble[i];
            Volatile.Write(ref _trouble[i], newTrouble > 0 ? $"{newTrouble} steps or windows dropped or rejected in the last {seconds:F0} s" : null);
            _lastSteps[i] = steps;
            _lastTrouble[i] = troubleCount;
            await _events.WriteAsync(PublishItem.Of(stream, Build(stream)), stop).ConfigureAwait(false);
            if (stream.Decider.CurrentState() is { } state)
            {
                await _events.WriteAsync(PublishItem.Of(stream, state), stop).ConfigureAwait(false);
            }
        }
    }
}
