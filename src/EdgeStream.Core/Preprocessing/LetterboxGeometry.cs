namespace EdgeStream.Core.Preprocessing;

/// <summary>
/// Where an aspect-keeping (<c>letterbox</c>) resize puts a source frame in the model's input
/// (docs/model-contract.md, "Pixel pipeline"): <c>s = min(Wt/W, Ht/H)</c>; content <c>nw = max(1, floor(W*s + 0.5))</c>
/// by <c>nh = max(1, floor(H*s + 0.5))</c> (double); placed at <c>x0 = (Wt-nw)/2</c>, <c>y0 = (Ht-nh)/2</c>
/// (integer division) in a <c>Wt</c> x <c>Ht</c> canvas of zero pixels. The training side computes the same numbers.
/// </summary>
/// <remarks>
/// Coordinates are continuous pixel coordinates: (0, 0) is the top-left corner of the top-left pixel and pixel
/// (i, j) covers [i, i+1) x [j, j+1), its centre at (i + 0.5, j + 0.5), the convention of OpenCV's resize. The
/// content maps source [0, W] x [0, H] onto [x0, x0+nw] x [y0, y0+nh], so each axis scales by its own rounded factor
/// (<c>nw/W</c>, <c>nh/H</c>), exactly what the resize did; <see cref="Scale"/> is the unrounded <c>s</c> of the rule.
/// </remarks>
public readonly record struct LetterboxGeometry
{
    private LetterboxGeometry(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight)
    {
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        TargetWidth = targetWidth;
        TargetHeight = targetHeight;
        Scale = Math.Min((double)targetWidth / sourceWidth, (double)targetHeight / sourceHeight);
        ContentWidth = Math.Max(1, (int)Math.Floor((sourceWidth * Scale) + 0.5));
        ContentHeight = Math.Max(1, (int)Math.Floor((sourceHeight * Scale) + 0.5));
        X0 = (targetWidth - ContentWidth) / 2;
        Y0 = (targetHeight - ContentHeight) / 2;
    }

    public int SourceWidth { get; }
    public int SourceHeight { get; }
    public int TargetWidth { get; }
    public int TargetHeight { get; }

    /// <summary><c>s = min(Wt/W, Ht/H)</c>.</summary>
    public double Scale { get; }

    /// <summary><c>nw</c>: width of the resized source inside the canvas.</summary>
    public int ContentWidth { get; }

    /// <summary><c>nh</c>: height of the resized source inside the canvas.</summary>
    public int ContentHeight { get; }

    /// <summary>Left edge of the content (the width of the left bar).</summary>
    public int X0 { get; }

    /// <summary>Top edge of the content (the height of the top bar).</summary>
    public int Y0 { get; }

    /// <summary>True when the content fills the canvas (the source has the target's aspect): letterbox = stretch.</summary>
    public bool FillsTarget => ContentWidth == TargetWidth && ContentHeight == TargetHeight;

    /// <summary>The geometry of a <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> frame in a
    /// <paramref name="targetWidth"/> x <paramref name="targetHeight"/> model input.</summary>
    public static LetterboxGeometry For(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sourceHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetHeight);
        return new LetterboxGeometry(sourceWidth, sourceHeight, targetWidth, targetHeight);
    }

    /// <summary>A point of the model input (e.g. a keypoint) in source pixels; points on the bars land outside the source.</summary>
    public (double X, double Y) ToSource(double xInput, double yInput)
        => ((xInput - X0) * SourceWidth / ContentWidth, (yInput - Y0) * SourceHeight / ContentHeight);

    /// <summary>A point of the source in model-input pixels (the inverse of <see cref="ToSource"/>).</summary>
    public (double X, double Y) ToInput(double xSource, double ySource)
        => (X0 + (xSource * ContentWidth / SourceWidth), Y0 + (ySource * ContentHeight / SourceHeight));
}
