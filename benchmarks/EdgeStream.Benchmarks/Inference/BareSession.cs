using EdgeStream.Core.Models.Manifest;
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
        // Shapes from the manifest, not the model: an export may leave the time axis dynamic too.
        var half = variant.IoType == "float16";
        var t = manifest.Tensors;
        var window1 = manifest.WindowLength();
        long[] inputShape = manifest.Task == ModelTask.Action
            ? [1, window1, manifest.Input.Channels!.Value, manifest.Input.Height!.Value, manifest.Input.Width!.Value]
            : [1, window1, manifest.Input.Channels!.Value];
        _inputNames = [manifest.Task == ModelTask.Action ? t.Frames! : t.Window!];
        _inputs = [Value(half, inputShape, window)];
        _outputNames = [manifest.Task == ModelTask.Action ? t.Logits! : t.Forecast!, t.Attention!];
        _outputs = [Value(half, [1, manifest.OutputLength()], null), Value(half, [1, window1], null)];
    }

    public void Run() => _session.Run(_runOptions, _inputNames, _inputs, _outputNames, _outputs);

    /// <summary>The primary output (logits or forecast) of the last run, as float32.</summary>
    public float[] PrimaryOutput() => _outputs[0].GetTensorTypeAndShape().ElementDataType == Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float16
        ? [.. _outputs[0].GetTensorDataAsSpan<Float16>().ToArray().Select(h => h.ToFloat())]
        : _outputs[0].GetTensorDataAsSpan<float>().ToArray();

    /// <summary>Throws unless the engine's output equals this session's (same work measured on both sides).</summary>
    public void CheckSameAs(ReadOnlySpan<float> engineOutput)
    {
        Run();
        var bare = PrimaryOutput();
        for (var i = 0; i < bare.Length; i++)
        {
            if (Math.Abs(bare[i] - engineOutput[i]) > 1e-3f * Math.Max(1f, Math.Abs(bare[i])))
            {
                throw new InvalidOperationException($"The bare session and the engine disagree at output {i}: {bare[i]} vs {engineOutput[i]}; they are not measuring the same work.");
            }
        }
    }

    public void Dispose()
    {
        foreach (var v in _inputs.Concat(_outputs))
        {
            v.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
    }

    private static OrtValue Value(bool half, long[] shape, float[]? data)
    {
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
