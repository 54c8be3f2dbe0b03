using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Preprocessing;

/// <summary>
/// The contract's pixel rule for uint8 pixels already resized and in the manifest's colour order:
/// <c>x = (pixel * scale - mean[c]) / std[c]</c>, HWC -> CHW, through the <see cref="PixelLookupTable"/> the live
/// video path uses too. Absent mean and std are 0 and 1 per channel, an absent scale 1.
/// </summary>
public sealed class PixelNormaliser
{
    private readonly PixelLookupTable _lut;
    private readonly int _height;
    private readonly int _width;

    public PixelNormaliser(InputSpec input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _height = input.Height ?? throw new ArgumentException("input.height is required.", nameof(input));
        _width = input.Width ?? throw new ArgumentException("input.width is required.", nameof(input));
        var channels = input.Channels ?? 3;
        var mean = new float[channels];
        var std = new float[channels];
        for (var c = 0; c < channels; c++)
        {
            mean[c] = input.Mean?[c] ?? 0f;
            std[c] = input.Std?[c] ?? 1f;
        }

        _lut = new PixelLookupTable((float)(input.Scale ?? 1.0), mean, std);
    }

    /// <summary>Floats of one frame: C*H*W.</summary>
    public int FrameLength => _lut.Channels * _height * _width;

    /// <summary>One frame: interleaved HWC bytes -> planar CHW floats.</summary>
    public void Normalise(ReadOnlySpan<byte> hwc, Span<float> chw)
    {
        var channels = _lut.Channels;
        var plane = _height * _width;
        if (hwc.Length < plane * channels || chw.Length < plane * channels)
        {
            throw new ArgumentException($"A frame needs {plane * channels} bytes and floats; got {hwc.Length} and {chw.Length}.", nameof(hwc));
        }

        for (var c = 0; c < channels; c++)
        {
            var lut = _lut.Channel(c);
            var dst = chw.Slice(c * plane, plane);
            for (int i = 0, s = c; i < plane; i++, s += channels)
            {
                dst[i] = lut[hwc[s]];
            }
        }
    }
}
