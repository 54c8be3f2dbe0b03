using BenchmarkDotNet.Attributes;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx;

namespace EdgeStream.Benchmarks.Inference;

/// <summary>Per-window cost of the sensor forecaster (fused only), batch 1, one intra-op thread, per variant, against the bare ORT call.</summary>
public class AnomalyInferenceBenchmarks : IDisposable
{
    private ModelFixture _fixture = null!;
    private BareSession _bare = null!;
    private IInferenceEngine _engine = null!;
    private float[] _forecast = [];
    private float[] _attention = [];

    [ParamsSource(nameof(Variants))]
    public string Variant { get; set; } = "fp32";

    public static IEnumerable<string> Variants() => ModelFixture.VariantNames("anomaly");

    [GlobalSetup]
    public void Setup()
    {
        _fixture = ModelFixture.Load("anomaly");
        var m = _fixture.Manifest;
        _bare = new BareSession(m, m.FindVariant(Variant)!, _fixture.Window);
        _engine = new OnnxEngineFactory().Create(m, new EngineOptions { Variant = Variant, Layout = ManifestQueries.Fused, MaxBatch = 1 });
        _forecast = new float[_engine.OutputLength];
        _attention = new float[_engine.WindowLength];
        Engine();
        _bare.CheckSameAs(_forecast);
    }

    [Benchmark(Baseline = true, Description = "bare ORT session.Run")]
    public void BareOrt() => _bare.Run();

    [Benchmark(Description = "engine window")]
    public void Engine() => _engine.Run(_fixture.Window, 1, _forecast, _attention);

    [GlobalCleanup]
    public void Dispose()
    {
        _bare?.Dispose();
        _engine?.Dispose();
        GC.SuppressFinalize(this);
    }
}
