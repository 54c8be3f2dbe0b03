namespace EdgeStream.Core.Windows;

/// <summary>
/// The geometry of one stream's windows.
/// <see cref="TargetNext"/>: forecasting models (anomaly) get the <c>Length</c> steps before step t as
/// input and step t itself as the target, so a window needs <c>Length + 1</c> steps.
/// </summary>
public sealed record WindowShape
{
    public WindowShape(int length, int stride, int stepLength, bool targetNext, TimeSpan? maxGap)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepLength);
        if (maxGap <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxGap), maxGap, "A maximum gap must be positive (null: learned from the stream).");
        }

        Length = length;
        Stride = stride;
        StepLength = stepLength;
        TargetNext = targetNext;
        MaxGap = maxGap;
    }

    /// <summary>Steps per model input (T frames or W samples).</summary>
    public int Length { get; }

    /// <summary>A window is emitted every <c>Stride</c> steps once the ring is full.</summary>
    public int Stride { get; }

    /// <summary>Floats per step (features, pixels or channels).</summary>
    public int StepLength { get; }

    public bool TargetNext { get; }

    /// <summary>A larger gap between consecutive steps resets the ring; null: learned from the stream (<see cref="GapLimit"/>).</summary>
    public TimeSpan? MaxGap { get; }

    /// <summary>Floats of a window buffer: the input and, for <see cref="TargetNext"/>, the target step after it.</summary>
    public int BufferLength => (Length + (TargetNext ? 1 : 0)) * StepLength;

    /// <summary>Steps the ring holds.</summary>
    public int Capacity => Length + (TargetNext ? 1 : 0);
}
