using System.Buffers;
using System.Threading.Channels;
using EdgeStream.Core.Sources;
using EdgeStream.Core.Windows;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// The step stage: reads every stream's step channel round-robin (at most one queue's worth per stream
/// per sweep, so a fast stream cannot starve the others), resamples video to the model's rate, encodes
/// frames for split models (batched across streams), normalises sensor samples, feeds the window rings
/// and writes due windows to the engine's window channel. Sources ring <see cref="Signal"/> after each
/// write; a single-slot signal channel wakes the stage without allocating.
/// </summary>
internal sealed class StepStage
{
    // Arrays, not interfaces: foreach over an IReadOnlyList boxes an enumerator on every sweep.
    private readonly StreamRuntime[] _streams;
    private readonly EngineGroup[] _groups;
    private readonly int _perSweep;
    private readonly ILogger _logger;
    private readonly Action _progress;
    private readonly List<StreamRuntime> _ended = [];
    private CancellationToken _abort;
    private readonly Channel<byte> _signal = Channel.CreateBounded<byte>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public StepStage(StreamRuntime[] streams, EngineGroup[] groups, int perSweep, ILogger logger, Action progress)
    {
        _streams = streams;
        _groups = groups;
        _perSweep = Math.Max(1, perSweep);
        _logger = logger;
        _progress = progress;
    }

    /// <summary>Wakes the stage (a step was written or a stream ended). Never blocks.</summary>
    public void Signal() => _signal.Writer.TryWrite(0);

    /// <summary>All sources ended: the stage drains what is queued, ends every stream and returns.</summary>
    public void Complete() => _signal.Writer.TryComplete();

    public async Task RunAsync(CancellationToken abort)
    {
        _abort = abort;
        var reader = _signal.Reader;
        // No token on the wait: an uncancellable wait reuses one waiter object, a cancellable one allocates per
        // wait. An abandoned drain completes the channels instead, which ends this loop.
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (reader.TryRead(out _))
            {
                while (Sweep())
                {
                    abort.ThrowIfCancellationRequested();
                }
            }
        }

        while (Sweep())
        {
            abort.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Pushes one model step (features, pixels or normalised sample) into the stream's ring.</summary>
    public void Push(StreamRuntime stream, long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, ReadOnlySpan<float> step)
    {
        var result = stream.Ring.Push(sequence, timestamp, capturedAt, step);
        if (result != PushResult.Stored)
        {
            Interlocked.Increment(ref stream.Counters.Resets);
            PipelineLog.WindowReset(_logger, stream.Id, result, sequence, timestamp);
        }

        if (stream.Ring.IsWindowDue)
        {
            EmitWindow(stream);
        }
    }

    /// <summary>One round over all streams; true when some stream still had steps queued.</summary>
    private bool Sweep()
    {
        var more = false;
        foreach (var stream in _streams)
        {
            var reader = stream.Steps.Reader;
            var taken = 0;
            while (taken < _perSweep && reader.TryRead(out var item))
            {
                taken++;
                Process(stream, item);
            }

            more |= taken == _perSweep && reader.Count > 0;
            if (!stream.EndSent && reader.Completion.IsCompleted)
            {
                _ended.Add(stream);
            }
        }

        foreach (var stream in _ended)
        {
            FlushHeld(stream);
        }

        foreach (var group in _groups)
        {
            group.Encoder?.Flush();
        }

        foreach (var stream in _ended)
        {
            stream.EndSent = true;
            Write(stream.Group, WindowItem.End(stream));
        }

        _ended.Clear();
        _progress();
        return more;
    }

    private void Process(StreamRuntime stream, StepItem item)
    {
        var keep = false;
        try
        {
            stream.MarkStep(item.Timestamp);
            if (stream.Resampler is { } resampler)
            {
                var decision = resampler.Offer(item.Timestamp);
                if (stream.Held is { } held)
                {
                    stream.Held = null;
                    for (var r = 0; r < decision.HeldRepeats; r++)
                    {
                        Emit(stream, held.Sequence, resampler.TimeOf(decision.FirstHeldTick + r), held.CapturedAt, held.Span);
                    }

                    held.Release();
                }

                if (decision.EmitNew)
                {
                    Emit(stream, item.Sequence, resampler.TimeOf(decision.NewTick), item.CapturedAt, item.Span);
                }

                stream.Held = item;
                keep = true;
            }
            else if (stream.Normaliser is { IsReady: false } normaliser)
            {
                if (normaliser.AddWarmup(item.Sequence, item.Timestamp, item.CapturedAt, item.Span, stream.Ring, stream.Scratch))
                {
                    PipelineLog.WarmupDone(_logger, stream.Id, normaliser.WarmupSamples);
                }
            }
            else
            {
                Emit(stream, item.Sequence, item.Timestamp, item.CapturedAt, item.Span);
            }
        }
#pragma warning disable CA1031 // A bad step is logged and counted; the stream goes on (DESIGN section 8).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref stream.Counters.Errors);
            PipelineLog.StepFailed(_logger, stream.Id, item.Sequence, ex);
        }
        finally
        {
            if (!keep)
            {
                item.Release();
            }
        }
    }

    private void Emit(StreamRuntime stream, long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, ReadOnlySpan<float> step)
    {
        if (stream.Group.Encoder is { } encoder)
        {
            encoder.Add(stream, sequence, timestamp, capturedAt, step);
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

    private void FlushHeld(StreamRuntime stream)
    {
        if (stream.Resampler is not { } resampler || stream.Held is not { } held)
        {
            return;
        }

        stream.Held = null;
        try
        {
            var decision = resampler.Flush();
            for (var r = 0; r < decision.HeldRepeats; r++)
            {
                Emit(stream, held.Sequence, resampler.TimeOf(decision.FirstHeldTick + r), held.CapturedAt, held.Span);
            }
        }
        finally
        {
            held.Release();
        }
    }

    private void EmitWindow(StreamRuntime stream)
    {
        var group = stream.Group;
        var shape = stream.Ring.Shape;
        var data = group.WindowPool.Rent();
        var stamps = ArrayPool<StepStamp>.Shared.Rent(shape.Capacity);
        var dropped = Interlocked.Read(ref stream.Counters.StepsDropped);
        var meta = stream.Ring.CopyWindow(data, stamps, dropped - stream.DroppedAtLastWindow);
        stream.DroppedAtLastWindow = dropped;
        Interlocked.Increment(ref stream.Counters.Windows);
        var item = new WindowItem(stream, data, stamps, meta);
        Write(group, item);
    }

    private void Write(EngineGroup group, WindowItem item)
    {
        if (!group.Windows.Writer.TryWrite(item) && !(group.Lossless && WaitAndWrite(group.Windows.Writer, item)))
        {
            item.Release();
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
