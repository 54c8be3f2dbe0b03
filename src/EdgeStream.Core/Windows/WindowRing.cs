using EdgeStream.Core.Preprocessing;

namespace EdgeStream.Core.Windows;

/// <summary>
/// One stream's ring of its last steps. Every <see cref="WindowShape.Stride"/> steps (the first time as
/// soon as it is full) a window is due and is copied out oldest-first into a contiguous buffer.
/// Preallocated at construction: pushing and copying allocate nothing. Not thread-safe (the step stage owns it).
/// </summary>
public sealed class WindowRing
{
    private readonly float[] _data;
    private readonly StepStamp[] _stamps;
    private readonly DateTimeOffset[] _captured;
    private int _next;
    private int _count;
    private int _sinceWindow;
    private bool _emittedSinceReset;

    public WindowRing(WindowShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        _data = new float[shape.Capacity * shape.StepLength];
        _stamps = new StepStamp[shape.Capacity];
        _captured = new DateTimeOffset[shape.Capacity];
        Gap = shape.MaxGap is { } limit ? GapLimit.Fixed(limit) : GapLimit.Learned();
    }

    public WindowShape Shape { get; }

    /// <summary>Windows copied out now are warm-up windows (<see cref="WindowMeta.Warmup"/>).</summary>
    public bool MarksWarmup { get; set; }

    /// <summary>The gap rule; a learned one outlives resets (it describes the stream, not the ring's contents).</summary>
    public GapLimit Gap { get; }

    /// <summary>The time from the previous step to the last one pushed (zero for the first step).</summary>
    public TimeSpan LastInterval { get; private set; }

    /// <summary>Steps held (at most <see cref="WindowShape.Capacity"/>).</summary>
    public int Count => _count;

    /// <summary>True after a push that made a window due; cleared by the next push.</summary>
    public bool IsWindowDue { get; private set; }

    /// <summary>Times the ring was cleared by a gap or out-of-order time.</summary>
    public long Resets { get; private set; }

    /// <summary>Timestamp of the newest step; meaningful when <see cref="Count"/> &gt; 0.</summary>
    public DateTimeOffset LastTimestamp => _stamps[(_next + _stamps.Length - 1) % _stamps.Length].Timestamp;

    /// <summary>Adds a step; a gap longer than the maximum or a step older than the previous one clears the ring first.</summary>
    public PushResult Push(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, ReadOnlySpan<float> step) =>
        Add(sequence, timestamp, capturedAt, step, allowWindow: true);

    /// <summary>Adds a step that must not make a window due (history known before scoring starts, e.g. warm-up samples).</summary>
    public PushResult Prime(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, ReadOnlySpan<float> step) =>
        Add(sequence, timestamp, capturedAt, step, allowWindow: false);

    /// <summary>
    /// Primes the ring with a warmed-up normaliser's held samples, normalised (the newest <see cref="WindowShape.Capacity"/>
    /// of them; they make no window), so the first window is scored as soon as the next step completes one.
    /// </summary>
    public void PrimeWith(SampleNormaliser normaliser, Span<float> scratch)
    {
        ArgumentNullException.ThrowIfNull(normaliser);
        var held = normaliser.HeldCount;
        for (var i = Math.Max(0, held - Shape.Capacity); i < held; i++)
        {
            var (sequence, timestamp, capturedAt) = normaliser.NormaliseHeld(i, scratch);
            Prime(sequence, timestamp, capturedAt, scratch[..Shape.StepLength]);
        }
    }

    public void Clear()
    {
        _next = 0;
        _count = 0;
        _sinceWindow = 0;
        _emittedSinceReset = false;
        IsWindowDue = false;
    }

    /// <summary>
    /// Copies the current window oldest-first: <see cref="WindowShape.BufferLength"/> floats into
    /// <paramref name="destination"/> and <see cref="WindowShape.Capacity"/> stamps into <paramref name="stamps"/>.
    /// </summary>
    public WindowMeta CopyWindow(Span<float> destination, Span<StepStamp> stamps, long stepsDropped)
    {
        var shape = Shape;
        if (_count < shape.Capacity)
        {
            throw new InvalidOperationException($"The ring holds {_count} of {shape.Capacity} steps; no window is available.");
        }

        var length = shape.StepLength;
        var oldest = _next; // full ring: the next slot to overwrite holds the oldest step
        var firstPart = shape.Capacity - oldest;
        _data.AsSpan(oldest * length, firstPart * length).CopyTo(destination);
        _data.AsSpan(0, oldest * length).CopyTo(destination[(firstPart * length)..]);
        _stamps.AsSpan(oldest, firstPart).CopyTo(stamps);
        _stamps.AsSpan(0, oldest).CopyTo(stamps[firstPart..]);

        var first = stamps[0];
        var last = stamps[shape.Length - 1];
        var newest = _captured[(_next + shape.Capacity - 1) % shape.Capacity];
        return new WindowMeta(first.Sequence, last.Sequence, first.Timestamp, last.Timestamp, newest, shape.Length, stepsDropped, MarksWarmup);
    }

    private PushResult Add(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, ReadOnlySpan<float> step, bool allowWindow)
    {
        var shape = Shape;
        if (step.Length != shape.StepLength)
        {
            throw new ArgumentException($"Step has {step.Length} floats; this ring takes {shape.StepLength}.", nameof(step));
        }

        var result = PushResult.Stored;
        LastInterval = TimeSpan.Zero;
        if (_count > 0)
        {
            var previous = LastTimestamp;
            LastInterval = timestamp - previous;
            if (timestamp < previous)
            {
                result = PushResult.ResetOutOfOrder;
            }
            else if (Gap.IsGap(LastInterval))
            {
                result = PushResult.ResetGap;
            }
        }

        if (result != PushResult.Stored)
        {
            Clear();
            Resets++;
        }

        step.CopyTo(_data.AsSpan(_next * shape.StepLength, shape.StepLength));
        _stamps[_next] = new StepStamp(sequence, timestamp);
        _captured[_next] = capturedAt;
        _next = (_next + 1) % shape.Capacity;
        if (_count < shape.Capacity)
        {
            _count++;
        }

        _sinceWindow++;
        IsWindowDue = allowWindow && _count == shape.Capacity && (!_emittedSinceReset || _sinceWindow >= shape.Stride);
        if (IsWindowDue)
        {
            _sinceWindow = 0;
            _emittedSinceReset = true;
        }

        return result;
    }
}
