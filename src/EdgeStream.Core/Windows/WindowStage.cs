using EdgeStream.Core.Sources;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Windows;

/// <summary>
/// The stage that emits windows: reads every stream's step channel round-robin (at most one queue's worth per
/// stream per sweep, so a fast stream cannot starve the others), resamples video to the model's rate, encodes
/// frames for split models (batched across streams), normalises sensor samples, feeds the window rings and
/// writes due windows to the engine's <see cref="WindowOutlet"/>. Sources ring the <see cref="StepSignal"/>
/// after each write; the stage sleeps on it.
/// </summary>
internal sealed partial class WindowStage
{
    // Arrays, not interfaces: foreach over an IReadOnlyList boxes an enumerator on every sweep.
    private readonly WindowStream[] _streams;
    private readonly WindowOutlet[] _outlets;
    private readonly StepSignal _signal;
    private readonly int _perSweep;
    private readonly ILogger _logger;
    private readonly Action _progress;
    private readonly List<WindowStream> _ended = [];
    private CancellationToken _abort;

    /// <param name="streams">Every stream, in pipeline order.</param>
    /// <param name="outlets">One per engine.</param>
    /// <param name="signal">Rung by the sources; completed when all of them ended.</param>
    /// <param name="perSweep">Steps taken from one stream per sweep (the step queue's size).</param>
    /// <param name="logger">Where resets and failures are logged.</param>
    /// <param name="progress">Called after each sweep (the watchdog's sign of life).</param>
    public WindowStage(WindowStream[] streams, WindowOutlet[] outlets, StepSignal signal, int perSweep, ILogger logger, Action progress)
    {
        _streams = streams;
        _outlets = outlets;
        _signal = signal;
        _perSweep = Math.Max(1, perSweep);
        _logger = logger;
        _progress = progress;
    }

    public async Task RunAsync(CancellationToken abort)
    {
        _abort = abort;
        var reader = _signal.Reader;
        // No token on the wait: an uncancellable wait reuses one waiter object, a cancellable one allocates per
        // wait. An abandoned drain completes the signal instead, which ends this loop.
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

    /// <summary>One round over all streams; true when some stream still had steps queued.</summary>
    private bool Sweep()
    {
        var more = false;
        foreach (var stream in _streams)
        {
            var reader = stream.Steps.Steps;
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

        foreach (var outlet in _outlets)
        {
            if (outlet.Encoder is { } encoder)
            {
                EncodeAndPush(encoder);
            }
        }

        foreach (var stream in _ended)
        {
            stream.EndSent = true;
            Write(stream.Outlet, WindowItem.End(stream));
        }

        _ended.Clear();
        _progress();
        return more;
    }

    private void Process(WindowStream stream, StepItem item)
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
                if (normaliser.AddWarmup(item.Sequence, item.Timestamp, item.CapturedAt, item.Span))
                {
                    if (stream.ScoresWarmup)
                    {
                        PushWarmup(stream, normaliser);
                    }
                    else
                    {
                        stream.Ring.PrimeWith(normaliser, stream.Scratch);
                    }

                    WindowLog.WarmupDone(_logger, stream.Id, normaliser.WarmupSamples);
                }
            }
            else
            {
                Emit(stream, item.Sequence, item.Timestamp, item.CapturedAt, item.Span);
            }
        }
#pragma warning disable CA1031 // A bad step is logged and counted; the stream goes on (docs/architecture.md, "Failures").
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref stream.Counters.Errors);
            WindowLog.StepFailed(_logger, stream.Id, item.Sequence, ex);
        }
        finally
        {
            if (!keep)
            {
                item.Release();
            }
        }
    }

    private void FlushHeld(WindowStream stream)
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
}
