using EdgeStream.Video.Preprocessing;
using OpenCvSharp;

namespace EdgeStream.Video.Tests.Preprocessing;

public class FramePreprocessorTests
{
    private static readonly float[] Mean = [0.1f, 0.2f, 0.3f];
    private static readonly float[] Std = [0.5f, 0.25f, 0.125f];

    private static PreprocessSpec Spec(int w, int h, string order = "rgb") => new()
    {
        Width = w,
        Height = h,
        ColorOrder = order,
        Scale = 1f / 255f,
        Mean = Mean,
        Std = Std,
    };

    private static float Expected(byte value, int channel) => ((value * (1f / 255f)) - Mean[channel]) / Std[channel];

    [Fact]
    public void TryProcess_RgbOrder_WritesHandComputedChwValues()
    {
        // 3 wide x 2 high; pixel (x=1, y=0) is B=10, G=20, R=30; pixel (x=2, y=1) is B=200, G=100, R=50.
        using var frame = new Mat(2, 3, MatType.CV_8UC3, Scalar.All(0));
        frame.Set(0, 1, new Vec3b(10, 20, 30));
        frame.Set(1, 2, new Vec3b(200, 100, 50));
        using var pre = new FramePreprocessor(Spec(3, 2));
        var output = new float[pre.Length];

        Assert.True(pre.TryProcess(frame, output, out var problem), problem);

        const int plane = 6;
        Assert.Equal(Expected(30, 0), output[(0 * plane) + 1]); // R plane, y=0, x=1
        Assert.Equal(Expected(20, 1), output[(1 * plane) + 1]); // G plane
        Assert.Equal(Expected(10, 2), output[(2 * plane) + 1]); // B plane
        Assert.Equal(Expected(50, 0), output[(0 * plane) + 5]); // R plane, y=1, x=2
        Assert.Equal(Expected(100, 1), output[(1 * plane) + 5]);
        Assert.Equal(Expected(200, 2), output[(2 * plane) + 5]);
        Assert.Equal(Expected(0, 0), output[0]);
        Assert.Equal((30 / 255f - 0.1f) / 0.5f, output[1], 6);
    }

    [Fact]
    public void TryProcess_BgrOrder_KeepsOpenCvPlaneOrder()
    {
        using var frame = new Mat(1, 1, MatType.CV_8UC3, new Scalar(10, 20, 30));
        using var pre = new FramePreprocessor(Spec(1, 1, "bgr"));
        var output = new float[3];

        Assert.True(pre.TryProcess(frame, output, out _));

        Assert.Equal([Expected(10, 0), Expected(20, 1), Expected(30, 2)], output);
    }

    [Fact]
    public void TryProcess_Downscale_AveragesAreasLikeTrainingInterArea()
    {
        // 6x6 -> 2x2: INTER_AREA gives each 3x3 block's mean; bilinear would give a different value.
        using var frame = new Mat(6, 6, MatType.CV_8UC3, Scalar.All(0));
        for (var i = 0; i < 9; i++)
        {
            var v = (byte)(i * 20); // block values 0..160, mean 80; the centre is 80 too, so make the centre odd:
            frame.Set(i / 3, i % 3, new Vec3b(v, v, v));
        }

        frame.Set(1, 1, new Vec3b(170, 170, 170)); // block sum 0+20+40+60+170+100+120+140+160 = 810 -> mean 90
        using var pre = new FramePreprocessor(Spec(2, 2, "bgr"));
        var output = new float[pre.Length];

        Assert.True(pre.TryProcess(frame, output, out _));

        Assert.Equal(Expected(90, 0), output[0]);
        Assert.Equal(Expected(0, 0), output[1]);
    }

    [Fact]
    public void TryProcess_GrayFrame_RepeatsTheValueInEveryPlane()
    {
        using var frame = new Mat(1, 1, MatType.CV_8UC1, Scalar.All(77));
        using var pre = new FramePreprocessor(Spec(1, 1));
        var output = new float[3];

        Assert.True(pre.TryProcess(frame, output, out _));

        Assert.Equal([Expected(77, 0), Expected(77, 1), Expected(77, 2)], output);
    }

    [Fact]
    public void TryProcess_BgraFrame_IgnoresAlpha()
    {
        using var frame = new Mat(1, 1, MatType.CV_8UC4, new Scalar(10, 20, 30, 255));
        using var pre = new FramePreprocessor(Spec(1, 1));
        var output = new float[3];

        Assert.True(pre.TryProcess(frame, output, out _));

        Assert.Equal([Expected(30, 0), Expected(20, 1), Expected(10, 2)], output);
    }

    [Fact]
    public void TryProcess_EmptyOrFloatFrame_ReturnsProblem()
    {
        using var pre = new FramePreprocessor(Spec(2, 2));
        var output = new float[pre.Length];
        using var empty = new Mat();
        using var floats = new Mat(2, 2, MatType.CV_32FC3, Scalar.All(0));

        Assert.False(pre.TryProcess(empty, output, out var emptyProblem));
        Assert.Contains("empty", emptyProblem, StringComparison.Ordinal);
        Assert.False(pre.TryProcess(floats, output, out var typeProblem));
        Assert.Contains("unsupported frame type", typeProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void TryProcess_SteadyStream_AllocatesNothingPerFrame()
    {
        using var frame = new Mat(480, 640, MatType.CV_8UC3);
        Cv2.Randu(frame, Scalar.All(0), Scalar.All(255));
        using var pre = new FramePreprocessor(Spec(64, 64));
        var output = new float[pre.Length];
        for (var i = 0; i < 5; i++)
        {
            Assert.True(pre.TryProcess(frame, output, out _)); // warm-up: wrappers and the resize target are created here
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            pre.TryProcess(frame, output, out _);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
