using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Video.Preprocessing;

/// <summary>
/// What the model wants from a frame (docs/model-contract.md, "Pixel pipeline"): resize to <see cref="Width"/> x
/// <see cref="Height"/> (<see cref="Resize"/>), channel order, then <c>x = (pixel * scale - mean[c]) / std[c]</c>, CHW.
/// </summary>
public sealed record PreprocessSpec
{
    public const string Rgb = "rgb";
    public const string Bgr = "bgr";
    public const string Stretch = "stretch";
    public const string Letterbox = "letterbox";

    public int Width { get; init; }
    public int Height { get; init; }

    /// <summary><c>rgb</c> or <c>bgr</c>: the order of the output planes.</summary>
    public string ColorOrder { get; init; } = Rgb;

    public float Scale { get; init; } = 1f / 255f;
    public IReadOnlyList<float> Mean { get; init; } = [0f, 0f, 0f];
    public IReadOnlyList<float> Std { get; init; } = [1f, 1f, 1f];

    /// <summary>
    /// <c>stretch</c> (plain resize, aspect ratio not kept) or <c>letterbox</c> (aspect kept: resized into the middle
    /// of a canvas of zero pixels, see <see cref="EdgeStream.Core.Preprocessing.LetterboxGeometry"/>).
    /// </summary>
    public string Resize { get; init; } = Stretch;

    /// <summary>Floats per preprocessed frame: 3 * H * W.</summary>
    public int Length => 3 * Width * Height;

    /// <summary>
    /// Reads the video part of a manifest's input spec. Absent scale/mean/std/colorOrder/resize take the
    /// defaults above (1/255, 0, 1, rgb, stretch); a bad value throws naming the manifest field.
    /// </summary>
    public static PreprocessSpec FromInput(InputSpec input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var spec = new PreprocessSpec
        {
            Width = input.Width ?? throw Bad("input.width", "is missing"),
            Height = input.Height ?? throw Bad("input.height", "is missing"),
            ColorOrder = input.ColorOrder?.ToLowerInvariant() ?? Rgb,
            Scale = (float)(input.Scale ?? 1.0 / 255.0),
            Mean = input.Mean ?? [0f, 0f, 0f],
            Std = input.Std ?? [1f, 1f, 1f],
            Resize = input.Resize?.ToLowerInvariant() ?? Stretch,
        };
        if (input.Channels is { } channels && channels != 3)
        {
            throw Bad("input.channels", $"must be 3 for video models (got {channels})");
        }

        spec.Validate();
        return spec;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (Width <= 0 || Height <= 0)
        {
            throw Bad("input.width/height", $"must be positive (got {Width}x{Height})");
        }

        if (ColorOrder is not (Rgb or Bgr))
        {
            throw Bad("input.colorOrder", $"must be 'rgb' or 'bgr' (got '{ColorOrder}')");
        }

        if (Resize is not (Stretch or Letterbox))
        {
            throw Bad("input.resize", $"must be 'stretch' or 'letterbox' (got '{Resize}')");
        }

        if (!float.IsFinite(Scale) || Scale == 0f)
        {
            throw Bad("input.scale", $"must be a finite non-zero number (got {Scale})");
        }

        if (Mean.Count != 3 || Mean.Any(m => !float.IsFinite(m)))
        {
            throw Bad("input.mean", $"must have 3 finite values (got {Mean.Count})");
        }

        if (Std.Count != 3 || Std.Any(s => !float.IsFinite(s) || s == 0f))
        {
            throw Bad("input.std", "must have 3 finite non-zero values");
        }
    }

    private static ArgumentException Bad(string field, string problem) => new($"Manifest field {field} {problem}.");
}
