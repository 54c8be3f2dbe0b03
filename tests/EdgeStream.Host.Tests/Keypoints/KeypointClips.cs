using EdgeStream.Host.Tests.Support;
using OpenCvSharp;

namespace EdgeStream.Host.Tests.Keypoints;

/// <summary>
/// Labelled clip folders for the keypoint tests, made here from committed frames: the pose model's golden window
/// (models/pose/golden/vtest_walkers.rgb: 20 letterboxed frames of OpenCV's vtest clip, people walking, whose reuse
/// terms allow committing them). The letterbox bars are cut off and the 4:3 picture scaled to 320x240, so the
/// pipeline letterboxes again; clips are MJPG AVIs at any frame rate, so the resampler has work to do.
/// </summary>
internal static class KeypointClips
{
    private const int Side = 192;
    private const int ContentHeight = 144; // 768x576 letterboxed into 192x192

    private static readonly Lazy<Mat[]> Frames = new(ReadFrames);

    public static int FrameCount => Frames.Value.Length;

    /// <summary>Writes a clip of the golden frames <paramref name="order"/> (indices into the 20) at <paramref name="fps"/>.</summary>
    public static string Write(string path, IEnumerable<int> order, double fps)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var frames = Frames.Value;
        using var writer = new VideoWriter(path, FourCC.MJPG, fps, new OpenCvSharp.Size(frames[0].Width, frames[0].Height));
        if (!writer.IsOpened())
        {
            throw new InvalidOperationException($"OpenCV cannot write {path}");
        }

        foreach (var i in order)
        {
            writer.Write(frames[i % frames.Length]);
        }

        return path;
    }

    /// <summary>
    /// The walkers forward (<c>forward</c>) or played backwards (<c>backward</c>), <paramref name="seconds"/> long at
    /// <paramref name="fps"/>, starting at golden frame <paramref name="offset"/>; the content moves at 10 frames a second
    /// of the original whatever the clip's rate.
    /// </summary>
    public static string Walkers(string path, bool forward, int offset, double seconds, double fps)
    {
        var count = (int)Math.Round(seconds * fps);
        var order = Enumerable.Range(0, count).Select(i => offset + (int)(i * 10.0 / fps)).Select(i => forward ? i : (10 * FrameCount) - i);
        return Write(path, order, fps);
    }

    /// <summary>The golden frames in a random order (seeded): keypoints that jump about instead of walking.</summary>
    public static string Shuffled(string path, int seed, double seconds, double fps)
    {
        var random = new Random(seed);
        return Write(path, Enumerable.Range(0, (int)Math.Round(seconds * fps)).Select(_ => random.Next(FrameCount)), fps);
    }

    private static Mat[] ReadFrames()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestEnvironment.RepoRoot, "models", "pose", "golden", "vtest_walkers.rgb"));
        var count = bytes.Length / (Side * Side * 3);
        var frames = new Mat[count];
        for (var i = 0; i < count; i++)
        {
            using var rgb = new Mat(Side, Side, MatType.CV_8UC3);
            System.Runtime.InteropServices.Marshal.Copy(bytes, i * Side * Side * 3, rgb.Data, Side * Side * 3);
            using var content = new Mat(rgb, new Rect(0, (Side - ContentHeight) / 2, Side, ContentHeight));
            using var bgr = new Mat();
            Cv2.CvtColor(content, bgr, ColorConversionCodes.RGB2BGR);
            frames[i] = new Mat();
            Cv2.Resize(bgr, frames[i], new OpenCvSharp.Size(320, 240), interpolation: InterpolationFlags.Cubic);
        }

        return frames;
    }
}
