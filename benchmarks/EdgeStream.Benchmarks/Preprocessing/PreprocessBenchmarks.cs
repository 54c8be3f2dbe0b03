using BenchmarkDotNet.Attributes;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Video.Preprocessing;
using OpenCvSharp;

namespace EdgeStream.Benchmarks.Preprocessing;

/// <summary>
/// Cost per frame of preprocessing for the action model (INTER_AREA resize to 64x64, colour order, mean/std,
/// CHW into a reused buffer), for decoded frames of the sizes EdgeStream meets: the bundled sample clips
/// (160x120), a 340x256 real clip, 720p and 1080p cameras. The frame is real video: the first frame of the
/// bundled multi-action clip, scaled to the size under test once in setup. Both resize modes: the manifest's
/// <c>stretch</c> and <c>letterbox</c> (the same model input with the frame's aspect kept).
/// </summary>
public class PreprocessBenchmarks : IDisposable
{
    private FramePreprocessor _preprocessor = null!;
    private Mat _frame = null!;
    private float[] _buffer = [];

    [Params("160x120", "340x256", "1280x720", "1920x1080")]
    public string Source { get; set; } = "160x120";

    [Params(PreprocessSpec.Stretch, PreprocessSpec.Letterbox)]
    public string Resize { get; set; } = PreprocessSpec.Stretch;

    [GlobalSetup]
    public void Setup()
    {
        var manifest = ManifestLoader.Load(BenchPaths.Model("action"));
        _preprocessor = new FramePreprocessor(PreprocessSpec.FromInput(manifest.Input) with { Resize = Resize });
        _buffer = new float[_preprocessor.Length];
        var clip = Path.Combine(BenchPaths.Root, "models", "samples", "clips", "walk_sit_stand_fall.mp4");
        using var capture = new VideoCapture(clip);
        using var first = new Mat();
        if (!capture.Read(first) || first.Empty())
        {
            throw new InvalidOperationException($"could not decode a frame of {clip}");
        }

        var size = Source.Split('x');
        _frame = first.Resize(new Size(int.Parse(size[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(size[1], System.Globalization.CultureInfo.InvariantCulture)));
        Frame();
    }

    [Benchmark(Description = "preprocess one frame")]
    public void Frame()
    {
        if (!_preprocessor.TryProcess(_frame, _buffer, out var problem))
        {
            throw new InvalidOperationException(problem);
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _preprocessor?.Dispose();
        _frame?.Dispose();
        GC.SuppressFinalize(this);
    }
}
