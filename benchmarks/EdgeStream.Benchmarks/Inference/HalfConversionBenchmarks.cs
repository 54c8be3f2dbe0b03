using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace EdgeStream.Benchmarks.Inference;

/// <summary>
/// What a model with float16 inputs costs the host per action window (16 x 3 x 64 x 64 floats) before any inference:
/// the float32 -> float16 conversion, vectorised (<see cref="TensorPrimitives.ConvertToHalf(ReadOnlySpan{float}, Span{Half})"/>,
/// what the engine uses) and as a scalar cast loop. Why the shipped fp16 model keeps float32 I/O (docs/gpu.md).
/// </summary>
public class HalfConversionBenchmarks
{
    private readonly float[] _window = new float[16 * 3 * 64 * 64];
    private readonly Half[] _half = new Half[16 * 3 * 64 * 64];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var i = 0; i < _window.Length; i++)
        {
            _window[i] = (float)((random.NextDouble() * 4) - 2);
        }
    }

    [Benchmark(Baseline = true, Description = "TensorPrimitives.ConvertToHalf, one window")]
    public void Vectorised() => TensorPrimitives.ConvertToHalf(_window, _half);

    [Benchmark(Description = "scalar (Half) cast loop, one window")]
    public void Scalar()
    {
        for (var i = 0; i < _window.Length; i++)
        {
            _half[i] = (Half)_window[i];
        }
    }
}
