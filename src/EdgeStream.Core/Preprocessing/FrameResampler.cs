namespace EdgeStream.Core.Preprocessing;

/// <summary>
/// Resamples one video stream to the model's frame rate by timestamp, the way the training code
/// does (models/training/edgestream_train/action_data.py <c>read_video</c>): the output frame for tick k
/// (time <c>first + k / fps</c>) is the newest source frame whose timestamp is at or before the tick.
/// Frames between ticks are dropped, frames are repeated when the source is slower than the model.
/// Online, a frame is only known to be the newest for a tick when the next frame arrives, so the
/// caller holds the latest frame; a frame that lands on a tick (within <see cref="Tolerance"/>) is
/// emitted at once, so a source at the model's rate or an integer multiple of it adds no delay.
/// </summary>
public sealed class FrameResampler
{
    private readonly long _periodTicks;
    private readonly TimeSpan _maxGap;
    private DateTimeOffset _base;
    private long _nextTick;
    private DateTimeOffset _heldTimestamp;
    private TimeSpan _lastInterval;
    private bool _hasHeld;

    public FrameResampler(double fps, TimeSpan maxGap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        _periodTicks = (long)Math.Round(TimeSpan.TicksPerSecond / fps);
        _maxGap = maxGap;
        Tolerance = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerMillisecond * 2, _periodTicks / 10));
    }

    /// <summary>Slack for timestamps rounded by containers and decoders (2 ms, or a tenth of the period if smaller).</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>The time of output tick <paramref name="tick"/>.</summary>
    public DateTimeOffset TimeOf(long tick) => _base.AddTicks(tick * _periodTicks);

    /// <summary>
    /// Offers the next source frame. The caller first emits the previously held frame
    /// <see cref="ResampleDecision.HeldRepeats"/> times (ticks from <see cref="ResampleDecision.FirstHeldTick"/>),
    /// then this frame once if <see cref="ResampleDecision.EmitNew"/> (at <see cref="ResampleDecision.NewTick"/>),
    /// and then holds this frame in place of the previous one.
    /// </summary>
    public ResampleDecision Offer(DateTimeOffset timestamp)
    {
        var repeats = 0;
        var firstHeld = _nextTick;
        if (!_hasHeld || timestamp < _heldTimestamp || timestamp - _heldTimestamp > _maxGap)
        {
            // First frame, time going backwards or a gap: the window ring resets anyway, restart the tick grid here.
            _base = timestamp;
            _nextTick = 0;
            firstHeld = 0;
            _lastInterval = TimeSpan.Zero;
        }
        else
        {
            while (TimeOf(_nextTick) + Tolerance < timestamp)
            {
                repeats++;
                _nextTick++;
            }

            _lastInterval = timestamp - _heldTimestamp;
        }

        var emitNew = TimeOf(_nextTick) <= timestamp + Tolerance;
        var newTick = _nextTick;
        if (emitNew)
        {
            _nextTick++;
        }

        _hasHeld = true;
        _heldTimestamp = timestamp;
        return new ResampleDecision(repeats, firstHeld, emitNew, newTick);
    }

    /// <summary>
    /// At the end of the input: how often the held frame still repeats (ticks before the time the next
    /// frame would have come, judged by the last interval). Starts from <see cref="ResampleDecision.FirstHeldTick"/>.
    /// </summary>
    public ResampleDecision Flush()
    {
        var firstHeld = _nextTick;
        var repeats = 0;
        if (_hasHeld)
        {
            var end = _heldTimestamp + _lastInterval;
            while (TimeOf(_nextTick) + Tolerance < end)
            {
                repeats++;
                _nextTick++;
            }
        }

        _hasHeld = false;
        return new ResampleDecision(repeats, firstHeld, false, _nextTick);
    }
}

/// <summary>The outcome of <see cref="FrameResampler.Offer"/>: ticks for the held frame, and whether the new frame fills a tick.</summary>
public readonly record struct ResampleDecision(int HeldRepeats, long FirstHeldTick, bool EmitNew, long NewTick);
