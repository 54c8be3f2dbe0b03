using EdgeStream.Core.Buffers;

namespace EdgeStream.Core.Sources;

/// <summary>
/// One time step of one stream as it leaves its source: a preprocessed video frame (CHW floats per the
/// model manifest) or one sensor sample (raw channel values). The data buffer is rented from
/// <see cref="Owner"/> and must be returned exactly once by whoever consumes the item last.
/// A struct so that passing items through channels allocates nothing.
/// </summary>
public readonly record struct StepItem(
    int StreamIndex,
    long Sequence,
    DateTimeOffset Timestamp,
    DateTimeOffset CapturedAt,
    float[] Data,
    BufferPool Owner)
{
    public Span<float> Span => Data.AsSpan(0, Owner.Length);

    public void Release() => Owner.Return(Data);
}
