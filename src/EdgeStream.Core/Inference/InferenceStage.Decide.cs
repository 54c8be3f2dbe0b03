using EdgeStream.Core.Decisions;
using EdgeStream.Core.Events;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Inference;

/// <summary>The inference stage's second half: one engine call for a batch, then each window to its stream's decider.</summary>
internal sealed partial class InferenceStage
{
    private void Infer(Span<WindowItem> batch)
    {
        var engine = _group.Engine;
        var count = batch.Length;
        var started = _time.GetTimestamp();
        try
        {
            lock (_group.Gate)
            {
                engine.Run(_input.Span[..(count * _windowFloats)], count, _outputs.AsSpan(0, count * engine.OutputLength), _attention.AsSpan(0, count * engine.WindowLength));
            }
        }
#pragma warning disable CA1031 // A failed batch is logged and counted per stream; the pipeline keeps running (docs/architecture.md, "Failures").
        catch (Exception ex)
#pragma warning restore CA1031
        {
            InferenceLog.InferenceFailed(_logger, _group.Name, count, ex);
            for (var i = 0; i < count; i++)
            {
                Interlocked.Increment(ref _group.Streams[batch[i].Stream.Slot].Errors);
                batch[i].Release();
                batch[i] = default;
            }

            return;
        }

        var inferenceMs = _time.GetElapsedTime(started).TotalMilliseconds;
        for (var i = 0; i < count; i++)
        {
            var item = batch[i];
            batch[i] = default;
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
        var stream = _group.Streams[item.Stream.Slot];
        var shape = item.Stream.Ring.Shape;
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
            Interlocked.Increment(ref stream.Judged);
        }
#pragma warning disable CA1031 // A failed decision is logged and counted; the stream goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref stream.Errors);
            InferenceLog.DecisionFailed(_logger, stream.Id, item.Meta.LastSequence, ex);
        }

        QueueDecided(stream);
    }

    private void Finish(InferenceStream stream)
    {
        stream.Finished = true;
        stream.Decider.Finish(_decided);
        QueueDecided(stream);
    }

    private void QueueDecided(InferenceStream stream)
    {
        if (_decided.Count == 0)
        {
            return;
        }

        foreach (var e in _decided)
        {
            InferenceLog.EventProduced(_logger, stream.Id, e.Phase, e.Label, e.Score);
            _outbox.Add(PublishItem.Of(stream.Id, e));
        }

        _decided.Clear();
        if (stream.Decider.CurrentState() is { } state)
        {
            _outbox.Add(PublishItem.Of(stream.Id, state));
        }
    }
}
