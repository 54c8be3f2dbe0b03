using BenchmarkDotNet.Attributes;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx;

namespace EdgeStream.Benchmarks.Batching;

/// <summary>
/// Does cross-stream batching pay on the CPU? One engine call with B windows (or B frames for the split encoder),
/// fp32, at 1 and 2 intra-op threads. Every row of a batch is the same real window (the model's first golden
/// case); rows are independent, so the cost is that of B different streams. The "per window" and "windows/s"
/// columns divide by B (<see cref="PerItemColumns"/>).
/// </summary>
[Config(typeof(PerItemColumns.Config))]
public class CpuBatchingBenchmarks : IDisposable
{
    private ModelFixture _fixture = null!;
    private IInferenceEngine _engine = null!;
    private float[] _input = [];
    private float[] _output = [];
    private float[] _attention = [];

    /// <summary>What one call runs: the fused action model, the split action encoder (B frames), its head, or the sensor forecaster.</summary>
    [Params("action-fused", "action-encoder", "action-head", "anomaly")]
    public string Part { get; set; } = "action-head";

    [Params(1, 8, 32)]
    public int Batch { get; set; } = 1;

    [Params(1, 2)]
    public int Threads { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        _fixture = ModelFixture.Load(Part == "anomaly" ? "anomaly" : "action");
        var split = Part is "action-encoder" or "action-head";
        _engine = new OnnxEngineFactory().Create(_fixture.Manifest, new EngineOptions
        {
            Variant = "fp32",
            Layout = split ? ManifestQueries.Split : ManifestQueries.Fused,
            MaxBatch = Batch,
            IntraOpThreads = Threads,
        });
        var t = _engine.WindowLength;
        if (Part == "action-encoder")
        {
            // B frames: the window's first B frames, cycled (a batch of 32 frames is two windows' worth).
            _input = Repeat(_fixture.Window, _engine.FrameLength, Batch);
            _output = new float[Batch * _engine.StepLength];
        }
        else
        {
            var window = _fixture.Window;
            if (Part == "action-head")
            {
                window = new float[t * _engine.StepLength];
                _engine.Encode(_fixture.Window, t, window);
            }

            _input = Repeat(window, window.Length, Batch);
            _output = new float[Batch * _engine.OutputLength];
            _attention = new float[Batch * t];
        }

        Call();
    }

    [Benchmark(Description = "one engine call of B items")]
    public void Call()
    {
        if (Part == "action-encoder")
        {
            _engine.Encode(_input, Batch, _output);
        }
        else
        {
            _engine.Run(_input, Batch, _output, _attention);
        }
    }

    /// <summary>B copies of the first <paramref name="length"/>-float item(s) of <paramref name="source"/>, cycling through its items.</summary>
    private static float[] Repeat(float[] source, int length, int count)
    {
        var items = source.Length / length;
        var result = new float[count * length];
        for (var i = 0; i < count; i++)
        {
            source.AsSpan(i % items * length, length).CopyTo(result.AsSpan(i * length));
        }

        return result;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _engine?.Dispose();
        GC.SuppressFinalize(this);
    }
}
