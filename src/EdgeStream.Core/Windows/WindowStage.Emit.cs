using System.Buffers;
using System.Globalization;
using System.Threading.Channels;
using EdgeStream.Core.Preprocessing;

namespace EdgeStream.Core.Windows;

/// <summary>The window stage's second half: a model step into the ring, and a due window out to the outlet.</summary>
internal sealed partial class WindowStage
{
    /// <summary>Gaps in a row that mark a stream as starved: more than a hiccup, fewer than any real window.</summary>
    private const int StarvedAfter = 3;

    /// <summary>One resampled frame or sample: to the encoder's batch (split models), or normalised, or as it is, into the ring.</summary>
    private void Emit(WindowStream stream, long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, ReadOnlySpan<float> step)
    {
        if (stream.Outlet.Encoder is { } encoder)
        {
            if (encoder.Add(stream, sequence, timestamp, capturedAt, step))
            {
                EncodeAndPush(encoder);
            }
        }
        else if (stream.Normaliser is { } normaliser)
        {
            var z = stream.Scratch.AsSpan(0, step.Length);
            normaliser.Normalise(step, z);
            Push(stream, sequence, timestamp, capturedAt, z);
        }
        else
        {
            Push(stream, sequence, timestamp, capturedAt, step);
        }
    }

    /// <summary>Encodes the encoder's batch and pushes each frame's features into its stream's ring, in order.</summary>
    private void EncodeAndPush(FrameEncoder encoder)
    {
        var count = encoder.Encode();
        for (var i = 0; i < count; i++)
        {
            var e = encoder.EntryAt(i);
            Push(e.Stream, e.Sequence, e.Timestamp, e.CapturedAt, encoder.FeaturesAt(i));
        }
    }

    /// <summary>Pushes one model step (features, pixels or normalised sample) into the stream's ring.</summary>
    private void Push(WindowStream stream, long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, ReadOnlySpan<float> step)
    {
        var result = stream.Ring.Push(sequence, timestamp, capturedAt, step);
        if (result != PushResult.Stored)
        {
            Interlocked.Increment(ref stream.Counters.Resets);
            WindowLog.WindowReset(_logger, stream.Id, result, sequence, timestamp);
        }

        NoteGaps(stream, result);

        if (stream.Ring.IsWindowDue)
        {
            EmitWindow(stream);
        }
    }

    /// <summary>
    /// A stream whose every step is a gap never fills a window, so it would be silent forever with nothing but a
    /// per-step Information line to say why (NAB's 5-minute steps under a fixed 2 s limit). After
    /// <see cref="StarvedAfter"/> such steps in a row it is flagged for the status and warned about, once.
    /// </summary>
    private void NoteGaps(WindowStream stream, PushResult result)
    {
        if (result != PushResult.ResetGap)
        {
            stream.GapResetsInARow = 0;
            if (stream.Ring.IsWindowDue)
            {
                stream.Starved = null;
            }

            return;
        }

        if (++stream.GapResetsInARow < StarvedAfter || stream.Starved is not null)
        {
            return;
        }

        var shape = stream.Ring.Shape;
        stream.Starved = string.Create(
            CultureInfo.InvariantCulture,
            $"every step comes more than {stream.Ring.Gap.Describe()} after the one before (the last {stream.Ring.LastInterval.TotalSeconds:0.###} s), so the {shape.Capacity}-step window never fills and nothing is judged: set MaxGapSeconds above the stream's step, or leave it unset to learn it");
        if (!stream.StarvedLogged)
        {
            stream.StarvedLogged = true;
            WindowLog.Starved(_logger, stream.Id, stream.Starved);
        }
    }

    /// <summary>Every held warm-up sample, normalised, through the ring; the windows it makes are marked warm-up.</summary>
    private void PushWarmup(WindowStream stream, SampleNormaliser normaliser)
    {
        stream.Ring.MarksWarmup = true;
        try
        {
            for (var i = 0; i < normaliser.HeldCount; i++)
            {
                var (sequence, timestamp, capturedAt) = normaliser.NormaliseHeld(i, stream.Scratch);
                Push(stream, sequence, timestamp, capturedAt, stream.Scratch.AsSpan(0, stream.Ring.Shape.StepLength));
            }
        }
        finally
        {
            stream.Ring.MarksWarmup = false;
        }

        // Live windows after this may drop the oldest queued one: let inference take the warm-up windows first.
        WaitUntilQueued(stream.Outlet, 0);
    }

    private void EmitWindow(WindowStream stream)
    {
        var outlet = stream.Outlet;
        var shape = stream.Ring.Shape;
        var data = outlet.Pool.Rent();
        var stamps = ArrayPool<StepStamp>.Shared.Rent(shape.Capacity);
        var dropped = Interlocked.Read(ref stream.Steps.Counters.StepsDropped);
        var meta = stream.Ring.CopyWindow(data, stamps, dropped - stream.DroppedAtLastWindow);
        stream.DroppedAtLastWindow = dropped;
        Interlocked.Increment(ref stream.Counters.Windows);
        Write(outlet, new WindowItem(stream, data, stamps, meta));
    }

    private void Write(WindowOutlet outlet, WindowItem item)
    {
        if (item.Meta.Warmup && !outlet.Lossless)
        {
            // A live queue drops its oldest window when full; a calibration burst of a few hundred warm-up windows
            // would drop most of itself and leave the scorer without its limit. Wait for room instead (once per stream).
            WaitUntilQueued(outlet, outlet.Capacity - 1);
        }

        if (!outlet.Writer.TryWrite(item) && !(outlet.Lossless && WaitAndWrite(outlet.Writer, item)))
        {
            item.Release();
        }
    }

    /// <summary>Blocks this stage until the outlet holds at most <paramref name="queued"/> windows (or the pipeline aborts).</summary>
    private void WaitUntilQueued(WindowOutlet outlet, int queued)
    {
        while (outlet.Reader.Count > queued && !_abort.IsCancellationRequested)
        {
            Thread.Sleep(1);
        }
    }

    /// <summary>Lossless mode: wait (blocking this stage) until inference makes room.</summary>
    private bool WaitAndWrite(ChannelWriter<WindowItem> writer, WindowItem item)
    {
        while (writer.WaitToWriteAsync(_abort).AsTask().GetAwaiter().GetResult())
        {
            if (writer.TryWrite(item))
            {
                return true;
            }
        }

        return false;
    }
}
