using EdgeStream.Core.Inference.Manifest;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Benchmarks.Inference;

/// <summary>
/// The reference point: one fused model file run with ONNX Runtime's plain API (<c>session.Run</c> with preallocated
/// OrtValues), the same session settings as the engine (1 intra-op thread, graph optimisation all), batch 1.
/// The engine's overhead is its time minus this.
/// </summary>
public sealed class BareSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly OrtValue[] _inputs;
    private readonly string[] _outputNames;
    private readonly OrtValue[] _outputs;

    public BareSession(ModelManifest manifest, VariantSpec variant, float[] window)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(variant);
        ArgumentNullException.ThrowIfNull(window);
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        options.AddSessionConfigEntry("optimization.disable_specified_optimizers", "FuseFp16InitializerToFp32NodeTransformer");
        _session = new InferenceSession(manifest.Resolve(variant.Fused!.File), options);
        var half = variant.IoType == "float16";
        var input = _session.InputMetadata.Single();
        _inputNames = [input.Key];
        _inputs = [Value(half, input.Value.Dimensions, window)];
        _outputNames = [.. _session.OutputMetadata.Keys];
        _outputs = [.. _session.OutputMetadata.Values.Select(m => Value(half, m.Dimensions, null))];
    }

    public void Run() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    public void Dispose()
    {
        foreach (var v in _inputs.Concat(_outputs))
        {
            v.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
    }

    private static OrtValue Value(bool half, int[] dims, float[]? data)
    {
        var shape = dims.Select((d, i) => i == 0 || d < 0 ? 1L : d).ToArray();
        var length = (int)shape.Aggregate(1L, (a, b) => a * b);
        if (half)
        {
            var h = new Float16[length];
            for (var i = 0; data is not null && i < length; i++)
            {
                h[i] = (Float16)data[i];
            }

            return OrtValue.CreateTensorValueFromMemory(h, shape);
        }

        return OrtValue.CreateTensorValueFromMemory(data?[..length] ?? new float[length], shape);
    }
}
