using EdgeStream.Core.Models;
using EdgeStream.Core.Preprocessing;
using EdgeStream.Core.Sources;

namespace EdgeStream.Host.Keypoints;

/// <summary>One encoded frame at the model's rate: its stream time, the source frame it came from, its features.</summary>
internal readonly record struct FeatureRow(double Seconds, long SourceFrame, float[] Features);

/// <summary>
/// The step writer a clip's video source writes into for <c>edgestream keypoints</c>: it does to each preprocessed
/// frame what the window stage does for a split model (Core's <c>WindowStage.Process</c> and <c>FlushHeld</c>, then
/// <c>FrameEncoder</c>): Core's <see cref="FrameResampler"/> to the model's rate (the held frame fills the ticks before
/// the next frame, the last one is flushed at the end), then the engine's <see cref="IInferenceEngine.Encode"/> in
/// batches of <see cref="IInferenceEngine.MaxBatch"/>. Instead of a window ring it keeps every row. One clip per instance.
/// </summary>
internal sealed class FeatureRecorder : IStepWriter
{
    private readonly IInferenceEngine _engine;
    private readonly FrameResampler _resampler;
    private readonly DateTimeOffset _epoch;
    private readonly Stack<float[]> _free = new();
    private readonly float[] _batch;
    private readonly float[] _features;
    private readonly List<(double Seconds, long SourceFrame)> _pending = [];
    private readonly List<FeatureRow> _rows = [];
    private (long Sequence, float[] Buffer)? _held;

    public FeatureRecorder(IInferenceEngine engine, TimeSpan maxGap, DateTimeOffset epoch)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var fps = engine.Manifest.Input.Fps is > 0 and var rate ? rate
            : throw new ArgumentException("keypoints needs a model with a fixed frame rate (manifest input.fps)", nameof(engine));
        _engine = engine;
        _resampler = new FrameResampler(fps, maxGap);
        _epoch = epoch;
        var batch = Math.Max(1, engine.MaxBatch);
        _batch = new float[batch * engine.FrameLength];
        _features = new float[batch * engine.StepLength];
    }

    public int StepLength => _engine.FrameLength;

    /// <summary>Frames the source refused, and the first reason.</summary>
    public int Rejected { get; private set; }

    public string? FirstReject { get; private set; }

    /// <summary>The last offline or degraded reason the source reported (why a clip ended early or failed).</summary>
    public string? Problem { get; private set; }

    /// <summary>Source frames decoded.</summary>
    public long Decoded { get; private set; }

    public IReadOnlyList<FeatureRow> Rows => _rows;

    public float[] Rent() => _free.TryPop(out var buffer) ? buffer : new float[StepLength];

    public void GiveBack(float[] buffer) => _free.Push(buffer);

    public void Write(long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, float[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Decoded++;
        var decision = _resampler.Offer(timestamp);
        if (_held is { } held)
        {
            _held = null;
            for (var r = 0; r < decision.HeldRepeats; r++)
            {
                Emit(held.Sequence, _resampler.TimeOf(decision.FirstHeldTick + r), held.Buffer);
            }

            _free.Push(held.Buffer);
        }

        if (decision.EmitNew)
        {
            Emit(sequence, _resampler.TimeOf(decision.NewTick), buffer);
        }

        _held = (sequence, buffer);
    }

    public void Reject(string reason)
    {
        Rejected++;
        FirstReject ??= reason;
    }

    public void ReportHealth(StreamHealth health, string? reason = null)
    {
        if (health != StreamHealth.Online && reason is not null)
        {
            Problem = reason;
        }
    }

    /// <summary>The source returned: the held frame fills its remaining ticks, and what is batched is encoded.</summary>
    public void Finish()
    {
        if (_held is { } held)
        {
            _held = null;
            var decision = _resampler.Flush();
            for (var r = 0; r < decision.HeldRepeats; r++)
            {
                Emit(held.Sequence, _resampler.TimeOf(decision.FirstHeldTick + r), held.Buffer);
            }
        }

        EncodePending();
    }

    private void Emit(long sequence, DateTimeOffset tick, float[] frame)
    {
        var length = _engine.FrameLength;
        frame.AsSpan(0, length).CopyTo(_batch.AsSpan(_pending.Count * length, length));
        _pending.Add(((tick - _epoch).TotalSeconds, sequence));
        if (_pending.Count * length == _batch.Length)
        {
            EncodePending();
        }
    }

    private void EncodePending()
    {
        var count = _pending.Count;
        if (count == 0)
        {
            return;
        }

        var step = _engine.StepLength;
        _engine.Encode(_batch.AsSpan(0, count * _engine.FrameLength), count, _features.AsSpan(0, count * step));
        for (var i = 0; i < count; i++)
        {
            _rows.Add(new FeatureRow(_pending[i].Seconds, _pending[i].SourceFrame, _features.AsSpan(i * step, step).ToArray()));
        }

        _pending.Clear();
    }
}
