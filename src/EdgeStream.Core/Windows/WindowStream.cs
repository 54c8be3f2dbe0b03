using EdgeStream.Core.Preprocessing;
using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Windows;

/// <summary>
/// The window stage's state of one stream: where its steps come from, its resampler (video) or normaliser
/// (sensors), its ring, the frame the resampler holds, and its counters. Touched only by the window stage,
/// except <see cref="Counters"/> and <see cref="EndDropped"/>, which the outlet's drop callback writes.
/// </summary>
internal sealed class WindowStream
{
    private long _lastStepTicks = long.MinValue;
    private string? _starved;

    public WindowStream(StepWriter steps, WindowOutlet outlet, WindowShape shape, FrameResampler? resampler, SampleNormaliser? normaliser, int scratchLength)
    {
        Steps = steps;
        Outlet = outlet;
        Ring = new WindowRing(shape);
        Resampler = resampler;
        Normaliser = normaliser;
        Scratch = new float[scratchLength];
        Slot = outlet.Streams.Count;
        outlet.Streams.Add(this);
    }

    public string Id => Steps.StreamId;

    /// <summary>The source side of this stream: its step channel and source counters.</summary>
    public StepWriter Steps { get; }

    public WindowOutlet Outlet { get; }

    /// <summary>Position among the streams of <see cref="Outlet"/> (the inference stage indexes by it).</summary>
    public int Slot { get; }

    public WindowRing Ring { get; }

    public FrameResampler? Resampler { get; }

    public SampleNormaliser? Normaliser { get; }

    public float[] Scratch { get; }

    public WindowCounters Counters { get; } = new();

    /// <summary>The frame the resampler holds (it may fill later ticks).</summary>
    public StepItem? Held { get; set; }

    /// <summary>Step drops already reported in a window's metadata.</summary>
    public long DroppedAtLastWindow { get; set; }

    /// <summary>
    /// The scorer calibrates on the warm-up: once the normaliser is ready, its held samples go through the ring as
    /// warm-up windows (judged by the model, never events) instead of only priming it.
    /// </summary>
    public bool ScoresWarmup { get; init; }

    /// <summary>Pushes in a row that found a gap before them (each one cleared the ring).</summary>
    public int GapResetsInARow { get; set; }

    /// <summary>Why no window can fill (every step is a gap), for the status; null while windows can fill.</summary>
    public string? Starved
    {
        get => Volatile.Read(ref _starved);
        set => Volatile.Write(ref _starved, value);
    }

    /// <summary>The warning about <see cref="Starved"/> was logged (once per stream).</summary>
    public bool StarvedLogged { get; set; }

    /// <summary>The end of the stream has been passed on.</summary>
    public bool EndSent { get; set; }

    /// <summary>Set when the end marker was dropped from a full window channel; the inference stage ends the stream then.</summary>
    public volatile bool EndDropped;

    public DateTimeOffset? LastStepTimestamp
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastStepTicks);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void MarkStep(DateTimeOffset timestamp) => Interlocked.Exchange(ref _lastStepTicks, timestamp.UtcTicks);
}
