namespace EdgeStream.Core.Preprocessing;

/// <summary>
/// The one pixel lookup table (docs/model-contract.md, "Pixel pipeline"): per channel the 256 floats
/// <c>(pixel * scale - mean[c]) / std[c]</c> of a uint8 pixel. Live video (EdgeStream.Video's frame preprocessor) and
/// offline golden checks (<see cref="PixelNormaliser"/>) both read it, so a frame normalises to the same bits on both.
/// </summary>
public sealed class PixelLookupTable
{
    private const int Levels = 256;

    // Channel c at [c * 256, c * 256 + 256): one flat array, so the frame loop can hold one pointer to it.
    private readonly float[] _values;

    public PixelLookupTable(float scale, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Count != std.Count)
        {
            throw new ArgumentException($"mean has {mean.Count} channels and std {std.Count}.", nameof(std));
        }

        Channels = mean.Count;
        _values = new float[Channels * Levels];
        for (var c = 0; c < Channels; c++)
        {
            for (var p = 0; p < Levels; p++)
            {
                // float32 throughout, in the reference's order (multiply, subtract, divide): the goldens and the
                // PyTorch side compute exactly this, so the results are bit-identical to them.
                _values[(c * Levels) + p] = ((p * scale) - mean[c]) / std[c];
            }
        }
    }

    public int Channels { get; }

    /// <summary>Every channel's table, channel <c>c</c> at <c>[c * 256, c * 256 + 256)</c>.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The 256 values of channel <paramref name="channel"/>.</summary>
    public ReadOnlySpan<float> Channel(int channel) => _values.AsSpan(channel * Levels, Levels);
}
