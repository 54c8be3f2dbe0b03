using BenchmarkDotNet.Attributes;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx;

namespace EdgeStream.Benchmarks.Inference;

/// <summary>
/// Per-window cost of the action model, batch 1, one intra-op thread, per variant:
/// the bare ONNX Runtime call (baseline), the engine fused, and the engine split three ways: the full window
/// (T encoder frames + head, what the fused model does), head only, and the pipeline's steady state with stride s
/// (s new frames encoded + one head run per window).
/// </summary>
public class ActionInferenceBenchmarks : IDisposable
{
    private ModelFixture _fixture = null!;
    private BareSession _bare = null!;
    private IInferenceEngine _fused = null!;
    private IInferenceEngine _split = null!;
    private float[] _features = [];
    private readonly float[] _logits = new float[64];
    private float[] _attention = [];
    private int _stride;

    [ParamsSource(nameof(Variants))]
    public string Variant { get; set; } = "fp32";

    public static IEnumerable<string> Variants() => ModelFixture.VariantNames("action");

    [GlobalSetup]
    public void Setup()
    {
        _fixture = ModelFixture.Load("action");
        var m = _fixture.Manifest;
        var factory = new OnnxEngineFactory();
        _stride = m.Defaults.Stride;
        _bare = new BareSession(m, m.FindVariant(Variant)!, _fixture.Window);
        _fused = factory.Create(m, new EngineOptions { Variant = Variant, Layout = ManifestQueries.Fused, MaxBatch = 1 });
        _split = factory.Create(m, new EngineOptions { Variant = Variant, Layout = ManifestQueries.Split, MaxBatch = 1 });
        _features = new float[_split.WindowLength * _split.StepLength];
        _attention = new float[_split.WindowLength];
        _split.Encode(_fixture.Window, _split.WindowLength, _features);
        EngineFused();
        _bare.CheckSameAs(_logits.AsSpan(0, _fused.OutputLength));
    }

    [Benchmark(Baseline = true, Description = "bare ORT session.Run, fused")]
    public void BareOrtFused() => _bare.Run();

    [Benchmark(Description = "engine fused window")]
    public void EngineFused() => _fused.Run(_fixture.Window, 1, _logits.AsSpan(0, _fused.OutputLength), _attention);

    [Benchmark(Description = "engine split, full window (T encodes + head)")]
    public void EngineSplitFullWindow()
    {
        _split.Encode(_fixture.Window, _split.WindowLength, _features);
        _split.Run(_features, 1, _logits.AsSpan(0, _split.OutputLength), _attention);
    }

    [Benchmark(Description = "engine split, head only")]
    public void EngineSplitHeadOnly() => _split.Run(_features, 1, _logits.AsSpan(0, _split.OutputLength), _attention);

    [Benchmark(Description = "engine split, stride-s incremental (s encodes + head)")]
    public void EngineSplitStride()
    {
        // The s newest frames of the window are encoded into the tail of the feature ring; then the head runs.
        var t = _split.WindowLength;
        var frames = _fixture.Window.AsSpan((t - _stride) * _split.FrameLength, _stride * _split.FrameLength);
        _split.Encode(frames, _stride, _features.AsSpan((t - _stride) * _split.StepLength, _stride * _split.StepLength));
        _split.Run(_features, 1, _logits.AsSpan(0, _split.OutputLength), _attention);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _bare?.Dispose();
        _fused?.Dispose();
        _split?.Dispose();
        GC.SuppressFinalize(this);
    }
}
