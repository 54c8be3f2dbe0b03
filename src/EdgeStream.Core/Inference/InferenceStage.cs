using System.Threading.Channels;
using EdgeStream.Core.Events;
using EdgeStream.Core.Models;
using EdgeStream.Core.Windows;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Inference;

/// <summary>
/// The inference and decision stage of one engine: the <see cref="BatchScheduler"/> forms a batch from the
/// windows of the streams sharing the engine (waiting at most <c>MaxBatchWaitMs</c> for streams that have no
/// window yet), the engine runs once, and each stream's decider judges its window. Events go to the events
/// channel with <c>WriteAsync</c>: when the sinks lag this stage waits (events are never dropped) and windows
/// queue and drop for freshness instead.
/// </summary>
internal sealed partial class InferenceStage
{
    private readonly EngineGroup _group;
    private readonly BatchScheduler _scheduler;
    private readonly ChannelWriter<PublishItem> _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action _progress;
    private readonly TimeSpan _maxWait;
    private readonly Memory<float> _input;
    private readonly float[] _outputs;
    private readonly float[] _attention;
    private readonly List<DetectionEvent> _decided = [];
    private readonly List<PublishItem> _outbox = [];
    private readonly int _windowFloats;

    public InferenceStage(EngineGroup group, ChannelWriter<PublishItem> events, int windowQueue, TimeSpan maxWait, TimeProvider time, ILogger logger, Action progress)
    {
        _group = group;
        _events = events;
        _time = time;
        _logger = logger;
        _progress = progress;
        _maxWait = maxWait;
        var engine = group.Engine;
        var batch = Math.Max(1, engine.MaxBatch);
        _scheduler = new BatchScheduler(group.Streams.Count, windowQueue, batch, group.Outlet.Lossless);
        _windowFloats = engine.WindowLength * engine.StepLength;
        // GPU engines expose their pinned staging buffer: assembling the batch there saves one copy per window.
        _input = engine is IInputStaging { InputBuffer.Length: var staged } s && staged >= batch * _windowFloats
            ? s.InputBuffer
            : new float[batch * _windowFloats];
        _outputs = new float[batch * engine.OutputLength];
        _attention = new float[batch * engine.WindowLength];
    }

    public async Task RunAsync(CancellationToken abort)
    {
        var reader = _group.Outlet.Reader;
        // Uncancellable wait (allocation-free); an abandoned drain completes the channel instead.
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            abort.ThrowIfCancellationRequested();
            _scheduler.Gather(reader);
            if (ShouldWait())
            {
                await WaitForBatchAsync(reader, abort).ConfigureAwait(false);
            }

            while (_scheduler.Pending > 0 || AnyEndDue())
            {
                RunBatch();
                if (_outbox.Count > 0)
                {
                    // Only when there is something: a call costs a state machine object in Debug builds.
                    await FlushOutboxAsync(abort).ConfigureAwait(false);
                }

                _scheduler.Gather(reader);
            }
        }

        // The channel is complete and empty; end any stream whose marker never arrived.
        foreach (var stream in _group.Streams)
        {
            if (!stream.Finished)
            {
                Finish(stream);
            }
        }

        await FlushOutboxAsync(abort).ConfigureAwait(false);
    }

    private bool ShouldWait() => _maxWait > TimeSpan.Zero && _scheduler.CouldGrow(_group.Streams);

    private async Task WaitForBatchAsync(ChannelReader<WindowItem> reader, CancellationToken abort)
    {
        // Allocates a timer per waiting batch (not per frame); only shared engines with a partial batch get here.
        var start = _time.GetTimestamp();
        while (ShouldWait())
        {
            var left = _maxWait - _time.GetElapsedTime(start);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            var more = reader.WaitToReadAsync(abort).AsTask();
            await Task.WhenAny(more, Task.Delay(left, _time, abort)).ConfigureAwait(false);
            if (!more.IsCompletedSuccessfully || !more.Result)
            {
                return;
            }

            _scheduler.Gather(reader);
        }
    }

    private void RunBatch()
    {
        var batch = _scheduler.Take(_input.Span, _windowFloats);
        if (batch.Length > 0)
        {
            Infer(batch);
        }

        foreach (var stream in _group.Streams)
        {
            var window = stream.Window;
            var endTaken = _scheduler.TakeEnd(window.Slot);
            if (endTaken || (window.EndDropped && _scheduler.CountOf(window.Slot) == 0))
            {
                window.EndDropped = false;
                if (!stream.Finished)
                {
                    Finish(stream);
                }
            }
        }
    }

    private bool AnyEndDue()
    {
        foreach (var stream in _group.Streams)
        {
            if (stream.Window.EndDropped || _scheduler.EndIsNext(stream.Window.Slot))
            {
                return true;
            }
        }

        return false;
    }

    private async ValueTask FlushOutboxAsync(CancellationToken abort)
    {
        foreach (var item in _outbox)
        {
            await _events.WriteAsync(item, abort).ConfigureAwait(false);
        }

        _outbox.Clear();
    }
}
