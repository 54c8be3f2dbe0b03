using System.Threading.Channels;
using EdgeStream.Core.Decisions;
using EdgeStream.Core.Events;
using EdgeStream.Core.Models;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// The inference and decision stage of one engine: gathers windows of the streams sharing the engine
/// into one batch (up to the engine's max batch, waiting at most <c>MaxBatchWaitMs</c> for streams that
/// have no window yet), takes them round-robin across streams from a rotating start (fairness), runs the
/// engine once, and lets each stream's decider judge its window. Events go to the events channel with
/// <c>WriteAsync</c>: when the sinks lag this stage waits (events are never dropped) and windows queue
/// and drop for freshness instead.
/// </summary>
internal sealed class InferenceStage
{
    private readonly EngineGroup _group;
    private readonly ChannelWriter<PublishItem> _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action _progress;
    private readonly TimeSpan _maxWait;
    private readonly PendingWindows[] _pending;
    private readonly WindowItem[] _batch;
    private readonly Memory<float> _input;
    private readonly float[] _outputs;
    private readonly float[] _attention;
    private readonly List<DetectionEvent> _decided = [];
    private readonly List<PublishItem> _outbox = [];
    private readonly int _windowFloats;
    private int _pendingTotal;
    private int _rotation;

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
        var perStream = Math.Max(2, (windowQueue + group.Streams.Count - 1) / group.Streams.Count);
        _pending = new PendingWindows[group.Streams.Count];
        for (var i = 0; i < _pending.Length; i++)
        {
            _pending[i] = new PendingWindows(perStream);
        }

        _windowFloats = engine.WindowLength * engine.StepLength;
        _batch = new WindowItem[batch];
        // GPU engines expose their pinned staging buffer: assembling the batch there saves one copy per window.
        _input = engine is IInputStaging { InputBuffer.Length: var staged } s && staged >= batch * _windowFloats
            ? s.InputBuffer
            : new float[batch * _windowFloats];
        _outputs = new float[batch * engine.OutputLength];
        _attention = new float[batch * engine.WindowLength];
    }

    public async Task RunAsync(CancellationToken abort)
    {
        var reader = _group.Windows.Reader;
        // Uncancellable wait (allocation-free); an abandoned drain completes the channel instead.
        while (await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            abort.ThrowIfCancellationRequested();
            Gather(reader);
            if (ShouldWait())
            {
                await WaitForBatchAsync(reader, abort).ConfigureAwait(false);
            }

            while (_pendingTotal > 0 || AnyFinishRequested())
            {
                RunBatch();
                if (_outbox.Count > 0)
                {
                    // Only when there is something: a call costs a state machine object in Debug builds.
                    await FlushOutboxAsync(abort).ConfigureAwait(false);
                }

                Gather(reader);
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

    private void Gather(ChannelReader<WindowItem> reader)
    {
        while (reader.TryPeek(out var item))
        {
            var pending = _pending[item.Stream.GroupIndex];
            if (_group.Lossless && pending.IsFull)
            {
                // Lossless: leave it queued (its writer waits) until this stream's pending windows are batched.
                return;
            }

            reader.TryRead(out item);
            var before = pending.Count;
            pending.Enqueue(item);
            _pendingTotal += pending.Count - before;
        }
    }

    /// <summary>Wait only if a batch could still grow: the engine is shared and some stream has no window yet.</summary>
    private bool ShouldWait()
    {
        if (_maxWait <= TimeSpan.Zero || _pending.Length < 2 || _pendingTotal >= _batch.Length)
        {
            return false;
        }

        foreach (var stream in _group.Streams)
        {
            // A stream that ended sends nothing more: waiting for it would only add latency.
            if (_pending[stream.GroupIndex].Count == 0 && !stream.Finished)
            {
                return true;
            }
        }

        return false;
    }

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

            Gather(reader);
        }
    }

    private void RunBatch()
    {
        var count = TakeBatch();
        if (count > 0)
        {
            Infer(count);
        }

        foreach (var stream in _group.Streams)
        {
            var pending = _pending[stream.GroupIndex];
            if (pending.HeadIsEnd || (stream.FinishRequested && pending.Count == 0))
            {
                if (pending.HeadIsEnd)
                {
                    pending.Dequeue();
                    _pendingTotal--;
                }

                stream.FinishRequested = false;
                if (!stream.Finished)
                {
                    Finish(stream);
                }
            }
        }
    }

    /// <summary>Round-robin from a rotating start: one window per stream per round until the batch is full.</summary>
    private int TakeBatch()
    {
        var count = 0;
        var streams = _pending.Length;
        var took = true;
        while (count < _batch.Length && took)
        {
            took = false;
            for (var k = 0; k < streams && count < _batch.Length; k++)
            {
                var pending = _pending[(_rotation + k) % streams];
                if (pending.Count > 0 && !pending.HeadIsEnd)
                {
                    var item = pending.Dequeue();
                    _pendingTotal--;
                    item.Data.AsSpan(0, _windowFloats).CopyTo(_input.Span.Slice(count * _windowFloats, _windowFloats));
                    _batch[count++] = item;
                    took = true;
                }
            }
        }

        _rotation = (_rotation + 1) % streams;
        return count;
    }

    private void Infer(int count)
    {
        var engine = _group.Engine;
        var started = _time.GetTimestamp();
        try
        {
            lock (_group.Gate)
            {
                engine.Run(_input.Span[..(count * _windowFloats)], count, _outputs.AsSpan(0, count * engine.OutputLength), _attention.AsSpan(0, count * engine.WindowLength));
            }
        }
#pragma warning disable CA1031 // A failed batch is logged and counted per stream; the pipeline keeps running (DESIGN section 8).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            PipelineLog.InferenceFailed(_logger, _group.Name, count, ex);
            for (var i = 0; i < count; i++)
            {
                Interlocked.Increment(ref _batch[i].Stream.Counters.Errors);
                _batch[i].Release();
                _batch[i] = default;
            }

            return;
        }

        var inferenceMs = _time.GetElapsedTime(started).TotalMilliseconds;
        for (var i = 0; i < count; i++)
        {
            var item = _batch[i];
            _batch[i] = default;
            try
            {
                Decide(item, i, inferenceMs);
            }
            finally
            {
                item.Release();
            }
        }

        _progress();
    }

    private void Decide(in WindowItem item, int slot, double inferenceMs)
    {
        var engine = _group.Engine;
        var stream = item.Stream;
        var shape = stream.Ring.Shape;
        var target = shape.TargetNext ? item.Data.AsSpan(_windowFloats, shape.StepLength) : default;
        var captureMs = (_time.GetUtcNow() - item.Meta.LastCapturedAt).TotalMilliseconds;
        var input = new DecisionInput(
            item.Meta,
            item.Stamps.AsSpan(0, shape.Capacity),
            _outputs.AsSpan(slot * engine.OutputLength, engine.OutputLength),
            _attention.AsSpan(slot * engine.WindowLength, engine.WindowLength),
            target,
            inferenceMs,
            captureMs);
        try
        {
            stream.Decider.Decide(input, _decided);
            Interlocked.Increment(ref stream.Counters.Judged);
        }
#pragma warning disable CA1031 // A failed decision is logged and counted; the stream goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref stream.Counters.Errors);
            PipelineLog.DecisionFailed(_logger, stream.Id, item.Meta.LastSequence, ex);
        }

        QueueDecided(stream);
    }

    private void Finish(StreamRuntime stream)
    {
        stream.Finished = true;
        stream.Decider.Finish(_decided);
        QueueDecided(stream);
    }

    private void QueueDecided(StreamRuntime stream)
    {
        if (_decided.Count == 0)
        {
            return;
        }

        foreach (var e in _decided)
        {
            PipelineLog.EventProduced(_logger, stream.Id, e.Phase, e.Label, e.Score);
            _outbox.Add(PublishItem.Of(stream, e));
        }

        _decided.Clear();
        if (stream.Decider.CurrentState() is { } state)
        {
            _outbox.Add(PublishItem.Of(stream, state));
        }
    }

    private async ValueTask FlushOutboxAsync(CancellationToken abort)
    {
        foreach (var item in _outbox)
        {
            await _events.WriteAsync(item, abort).ConfigureAwait(false);
        }

        _outbox.Clear();
    }

    private bool AnyFinishRequested()
    {
        foreach (var stream in _group.Streams)
        {
            if (stream.FinishRequested || _pending[stream.GroupIndex].HeadIsEnd)
            {
                return true;
            }
        }

        return false;
    }}
