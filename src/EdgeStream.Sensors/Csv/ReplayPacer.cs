namespace EdgeStream.Sensors.Csv;

/// <summary>
/// Paces a replay by its sample timestamps: sample i is released (t_i - t_0) / speed after the first,
/// measured on the injected <see cref="TimeProvider"/> from one anchor, so waits do not accumulate
/// drift and a slow consumer is caught up on rather than pushed back.
/// </summary>
internal sealed class ReplayPacer
{
    private readonly TimeProvider _time;
    private readonly double _speed;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private long _anchorTicks;
    private DateTimeOffset _firstSample;
    private bool _started;

    /// <param name="time">Clock the pace is measured on.</param>
    /// <param name="speed">Speed factor (positive); <see cref="double.PositiveInfinity"/> replays as fast as possible.</param>
    /// <param name="delay">How to wait; default <c>Task.Delay</c> on <paramref name="time"/>. Tests and simulations pass their own.</param>
    public ReplayPacer(TimeProvider time, double speed, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        _time = time;
        _speed = speed;
        _delay = delay ?? ((wait, ct) => Task.Delay(wait, time, ct));
    }

    public bool IsFast => double.IsPositiveInfinity(_speed);

    /// <summary>Waits until the sample stamped <paramref name="timestamp"/> is due.</summary>
    public Task WaitAsync(DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        if (IsFast)
        {
            return Task.CompletedTask;
        }

        if (!_started)
        {
            _started = true;
            _anchorTicks = _time.GetTimestamp();
            _firstSample = timestamp;
            return Task.CompletedTask;
        }

        var due = (timestamp - _firstSample) / _speed;
        var wait = due - _time.GetElapsedTime(_anchorTicks);
        return wait > TimeSpan.Zero ? _delay(wait, cancellationToken) : Task.CompletedTask;
    }
}
