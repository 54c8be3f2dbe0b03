using EdgeStream.Core.Preprocessing;
using EdgeStream.Video.Preprocessing;
using OpenCvSharp;

namespace EdgeStream.Video.Tests.Preprocessing;

/// <summary>
/// <c>resize: letterbox</c>: the source keeps its aspect, resized with INTER_AREA into the middle of a canvas of zero
/// pixels that are normalised like any other (docs/model-contract.md, "Pixel pipeline").
/// </summary>
public class FramePreprocessorLetterboxTests
{
    private static readonly float[] Mean = [0.1f, 0.2f, 0.3f];
    private static readonly float[] Std = [0.5f, 0.25f, 0.125f];
    private static readonly Vec3b Colour = new(10, 20, 30); // B, G, R

    private static PreprocessSpec Spec(int w, int h, string resize = PreprocessSpec.Letterbox) => new()
    {
        Width = w,
        Height = h,
        ColorOrder = PreprocessSpec.Rgb,
        Scale = 1f / 255f,
        Mean = Mean,
        Std = Std,
        Resize = resize,
    };

    private static float Expected(byte value, int channel) => ((value * (1f / 255f)) - Mean[channel]) / Std[channel];

    // Output plane c holds R, G, B for c = 0, 1, 2 (rgb order); Vec3b is B, G, R.
    private static float ExpectedColour(int channel) => Expected(channel == 0 ? Colour.Item2 : channel == 1 ? Colour.Item1 : Colour.Item0, channel);

    [Fact]
    public void TryProcess_WideSolidFrame_PutsItBetweenTopAndBottomBars()
    {
        using var frame = new Mat(100, 200, MatType.CV_8UC3, new Scalar(Colour.Item0, Colour.Item1, Colour.Item2));

        var output = Process(frame, Spec(64, 64));

        // s = 0.32: content 64x32 at y0 = 16; rows 0..15 and 48..63 are padding.
        AssertPixels(output, 64, 64, (x, y, c) => y is >= 16 and < 48 ? ExpectedColour(c) : Expected(0, c));
    }

    [Fact]
    public void TryProcess_TallSolidFrame_PutsItBetweenLeftAndRightBars()
    {
        using var frame = new Mat(200, 100, MatType.CV_8UC3, new Scalar(Colour.Item0, Colour.Item1, Colour.Item2));

        var output = Process(frame, Spec(64, 64));

        AssertPixels(output, 64, 64, (x, y, c) => x is >= 16 and < 48 ? ExpectedColour(c) : Expected(0, c));
    }

    [Fact]
    public void TryProcess_OddSize_RoundsTheContentAndFloorsTheOffset()
    {
        // 333x100 into 64x64: nh = floor(100 * 64/333 + 0.5) = 19, y0 = (64 - 19) / 2 = 22.
        using var frame = new Mat(100, 333, MatType.CV_8UC3, new Scalar(Colour.Item0, Colour.Item1, Colour.Item2));
        Assert.Equal((64, 19, 0, 22), Box(LetterboxGeometry.For(333, 100, 64, 64)));

        var output = Process(frame, Spec(64, 64));

        AssertPixels(output, 64, 64, (x, y, c) => y is >= 22 and < 41 ? ExpectedColour(c) : Expected(0, c));
    }

    [Theory]
    [InlineData(333, 100, 64, 64)] // bars top and bottom, odd remainder
    [InlineData(101, 250, 64, 48)] // bars left and right: nw = floor(101 * 48/250 + 0.5) = 19, x0 = 22
    [InlineData(640, 480, 192, 192)] // a VGA camera into MoveNet's input
    [InlineData(20, 10, 64, 64)] // upscaled into the canvas
    public void TryProcess_TexturedFrame_ContentIsOpenCvsInterAreaResizeOfTheSource(int w, int h, int tw, int th)
    {
        using var frame = new Mat(h, w, MatType.CV_8UC3);
        Cv2.Randu(frame, Scalar.All(0), Scalar.All(256));
        var box = LetterboxGeometry.For(w, h, tw, th);
        using var content = new Mat();
        Cv2.Resize(frame, content, new Size(box.ContentWidth, box.ContentHeight), 0, 0, InterpolationFlags.Area);

        var output = Process(frame, Spec(tw, th));

        AssertPixels(output, tw, th, (x, y, c) =>
        {
            var inside = x >= box.X0 && x < box.X0 + box.ContentWidth && y >= box.Y0 && y < box.Y0 + box.ContentHeight;
            return inside ? Expected(content.At<Vec3b>(y - box.Y0, x - box.X0)[2 - c], c) : Expected(0, c);
        });
    }

    [Theory]
    [InlineData(128, 128, 64, 64)]
    [InlineData(160, 120, 64, 48)]
    [InlineData(64, 64, 64, 64)] // no resize at all
    [InlineData(32, 24, 64, 48)] // upscaled
    public void TryProcess_SourceWithTheModelsAspect_EqualsStretchExactly(int w, int h, int tw, int th)
    {
        using var frame = new Mat(h, w, MatType.CV_8UC3);
        Cv2.Randu(frame, Scalar.All(0), Scalar.All(256));

        var letterboxed = Process(frame, Spec(tw, th));
        var stretched = Process(frame, Spec(tw, th, PreprocessSpec.Stretch));

        Assert.Equal(stretched, letterboxed);
    }

    [Fact]
    public void TryProcess_FrameSizeAndTypeChange_BarsAreZeroAgainWhereOldContentWas()
    {
        using var wide = new Mat(100, 200, MatType.CV_8UC3, Scalar.All(255));
        using var tall = new Mat(200, 100, MatType.CV_8UC3, new Scalar(Colour.Item0, Colour.Item1, Colour.Item2));
        using var grayTall = new Mat(200, 100, MatType.CV_8UC1, Scalar.All(77));
        using var pre = new FramePreprocessor(Spec(64, 64));
        var output = new float[pre.Length];

        Assert.True(pre.TryProcess(wide, output, out _));
        Assert.True(pre.TryProcess(tall, output, out _));
        AssertPixels(output, 64, 64, (x, y, c) => x is >= 16 and < 48 ? ExpectedColour(c) : Expected(0, c));

        Assert.True(pre.TryProcess(grayTall, output, out _));
        AssertPixels(output, 64, 64, (x, y, c) => Expected(x is >= 16 and < 48 ? (byte)77 : (byte)0, c));

        Assert.True(pre.TryProcess(tall, output, out _));
        AssertPixels(output, 64, 64, (x, y, c) => x is >= 16 and < 48 ? ExpectedColour(c) : Expected(0, c));
    }

    [Fact]
    public void TryProcess_SteadyLetterboxedStream_AllocatesNothingPerFrame()
    {
        using var frame = new Mat(480, 640, MatType.CV_8UC3);
        Cv2.Randu(frame, Scalar.All(0), Scalar.All(255));
        using var pre = new FramePreprocessor(Spec(64, 64));
        var output = new float[pre.Length];
        for (var i = 0; i < 5; i++)
        {
            Assert.True(pre.TryProcess(frame, output, out _)); // warm-up: canvas, content view and wrappers are made here
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            pre.TryProcess(frame, output, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (int, int, int, int) Box(LetterboxGeometry g) => (g.ContentWidth, g.ContentHeight, g.X0, g.Y0);

    private static float[] Process(Mat frame, PreprocessSpec spec)
    {
        using var pre = new FramePreprocessor(spec);
        var output = new float[pre.Length];
        Assert.True(pre.TryProcess(frame, output, out var problem), problem);
        return output;
    }

    private static void AssertPixels(float[] output, int width, int height, Func<int, int, int, float> expected)
    {
        var plane = width * height;
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var want = expected(x, y, c);
                    var got = output[(c * plane) + (y * width) + x];
                    Assert.True(want == got, $"plane {c}, x={x}, y={y}: expected {want}, got {got}");
                }
            }
        }
    }
}
