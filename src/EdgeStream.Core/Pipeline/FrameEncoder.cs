using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// Split models: collects resampled frames of all streams sharing an engine into one batch, encodes
/// them in one call (each frame exactly once) and pushes the features into each stream's ring in order.
/// Buffers are preallocated for the engine's largest batch. Owned by the step stage.
/// </summary>
internal sealed class FrameEncoder
{
    private readonly EngineGroup _group;
    private readonly StepStage _stage;
    private readonly ILogger _logger;
    private readonly float[] _frames;
    private readonly float[] _features;
    private readonly EncodeEntry[] _entries;
    private readonly int _frameLength;
    private readonly int _featureLength;
    private int _count;

    public FrameEncoder(EngineGroup group, StepStage stage, ILogger logger)
    {
        _group = group;
        _stage = stage;
        _logger = logger;
        var engine = group.Engine;
        var batch = Math.Max(1, engine.MaxBatch);
        _frameLength = engine.FrameLength;
        _featureLength = engine.StepLength;
        _frames = new float[batch * _frameLength];
        _features = new float[batch * _featureLength];
        _entries = new EncodeEntry[batch];
    }

    /// <summary>Copies a frame into the batch (the caller keeps its buffer); encodes when the batch is full.</summary>
    public void Add(StreamRuntime stream, long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, ReadOnlySpan<float> frame)
    {
        frame[.._frameLength].CopyTo(_frames.AsSpan(_count * _frameLength, _frameLength));
        _entries[_count++] = new EncodeEntry(stream, sequence, timestamp, capturedAt);
        if (_count == _entries.Length)
        {
            Flush();
        }
    }

    /// <summary>Encodes what is collected and feeds the features to the rings.</summary>
    public void Flush()
    {
        var count = _count;
        if (count == 0)
        {
            return;
        }

        _count = 0;
        try
        {
            lock (_group.Gate)
            {
                _group.Engine.Encode(_frames.AsSpan(0, count * _frameLength), count, _features.AsSpan(0, count * _featureLength));
            }
        }
#pragma warning disable CA1031 // A failed batch is logged and counted per stream; the pipeline keeps running (DESIGN section 8).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            PipelineLog.EncodeFailed(_logger, _group.Name, count, ex);
            for (var i = 0; i < count; i++)
            {
                Interlocked.Increment(ref _entries[i].Stream.Counters.Errors);
                _entries[i] = default;
            }

            return;
        }

        for (var i = 0; i < count; i++)
        {
            var e = _entries[i];
            _entries[i] = default;
            _stage.Push(e.Stream, e.Sequence, e.Timestamp, e.CapturedAt, _features.AsSpan(i * _featureLength, _featureLength));
        }
    }

    private readonly record struct EncodeEntry(StreamRuntime Stream, long Sequence, DateTimeOffset Timestamp, DateTimeOffset CapturedAt);
}
