using EdgeStream.Core.Models;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Windows;

/// <summary>
/// Split models: collects resampled frames of all streams sharing an engine into one batch and encodes them
/// in one call (each frame exactly once). The window stage reads the features back with <see cref="EntryAt"/>
/// and <see cref="FeaturesAt"/> and pushes them into the rings in order; the encoder never calls the stage.
/// Buffers are preallocated for the engine's largest batch. Owned by the window stage.
/// </summary>
internal sealed class FrameEncoder
{
    private readonly IInferenceEngine _engine;
    private readonly Lock _gate;
    private readonly ILogger _logger;
    private readonly float[] _frames;
    private readonly float[] _features;
    private readonly Entry[] _entries;
    private readonly int _frameLength;
    private readonly int _featureLength;
    private int _count;

    /// <param name="engine">The split engine.</param>
    /// <param name="gate">Serialises engine calls with the inference stage, which runs heads on the same engine.</param>
    /// <param name="logger">Where a failed batch is logged.</param>
    public FrameEncoder(IInferenceEngine engine, Lock gate, ILogger logger)
    {
        _engine = engine;
        _gate = gate;
        _logger = logger;
        var batch = Math.Max(1, engine.MaxBatch);
        _frameLength = engine.FrameLength;
        _featureLength = engine.StepLength;
        _frames = new float[batch * _frameLength];
        _features = new float[batch * _featureLength];
        _entries = new Entry[batch];
    }

    /// <summary>Frames collected and not yet encoded.</summary>
    public int Pending => _count;

    /// <summary>Copies a frame into the batch (the caller keeps its buffer); true when the batch is full and must be encoded.</summary>
    public bool Add(WindowStream stream, long sequence, DateTimeOffset timestamp, DateTimeOffset capturedAt, ReadOnlySpan<float> frame)
    {
        frame[.._frameLength].CopyTo(_frames.AsSpan(_count * _frameLength, _frameLength));
        _entries[_count++] = new Entry(stream, sequence, timestamp, capturedAt);
        return _count == _entries.Length;
    }

    /// <summary>
    /// Encodes what is collected. Returns how many features are ready (read them before the next <see cref="Add"/>),
    /// or 0 when the batch failed (logged, and counted against each stream in it).
    /// </summary>
    public int Encode()
    {
        var count = _count;
        _count = 0;
        if (count == 0)
        {
            return 0;
        }

        try
        {
            lock (_gate)
            {
                _engine.Encode(_frames.AsSpan(0, count * _frameLength), count, _features.AsSpan(0, count * _featureLength));
            }
        }
#pragma warning disable CA1031 // A failed batch is logged and counted per stream; the pipeline keeps running (docs/architecture.md, "Failures").
        catch (Exception ex)
#pragma warning restore CA1031
        {
            WindowLog.EncodeFailed(_logger, _engine.Info.Name, count, ex);
            for (var i = 0; i < count; i++)
            {
                Interlocked.Increment(ref _entries[i].Stream.Counters.Errors);
                _entries[i] = default;
            }

            return 0;
        }

        return count;
    }

    /// <summary>Which stream and step the encoded frame <paramref name="index"/> belongs to.</summary>
    public Entry EntryAt(int index) => _entries[index];

    /// <summary>The features of encoded frame <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> FeaturesAt(int index) => _features.AsSpan(index * _featureLength, _featureLength);

    /// <summary>One encoded frame's stream and step.</summary>
    public readonly record struct Entry(WindowStream Stream, long Sequence, DateTimeOffset Timestamp, DateTimeOffset CapturedAt);
}
