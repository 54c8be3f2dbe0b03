using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using EdgeStream.Onnx.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeStream.Onnx.Sessions;

/// <summary>
/// One tensor's host memory for up to MaxBatch items, on the pinned object heap so ONNX Runtime can hold pointers to it
/// for the engine's life. float32 tensors are written and read directly; float16 tensors convert on the way in and out
/// (the pipeline works in float32 throughout).
/// </summary>
internal sealed class PinnedBuffer
{
    private readonly float[]? _float;
    private readonly Float16[]? _half;

    public PinnedBuffer(TensorSpec spec, int maxBatch)
    {
        Spec = spec;
        var length = spec.ItemLength * maxBatch;
        if (spec.ElementType == TensorElementType.Float16)
        {
            _half = GC.AllocateArray<Float16>(length, pinned: true);
        }
        else
        {
            _float = GC.AllocateArray<float>(length, pinned: true);
        }
    }

    public TensorSpec Spec { get; }

    /// <summary>A tensor over the first <paramref name="batch"/> items; created once per batch size and cached by the caller.</summary>
    public OrtValue CreateValue(int batch)
    {
        var shape = Spec.Dims.Select((d, i) => i == 0 ? (long)batch : d).ToArray();
        var count = batch * Spec.ItemLength;
        return _half is not null
            ? OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _half.AsMemory(0, count), shape)
            : OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _float!.AsMemory(0, count), shape);
    }

    public void Write(ReadOnlySpan<float> source)
    {
        if (_float is not null)
        {
            source.CopyTo(_float);
            return;
        }

        // Only models with float16 I/O get here. On the 2-core dev box a 16x3x64x64 window takes 67 us this way and
        // 706 us with a scalar (Half) cast loop (HalfConversionBenchmarks); the shipped fp16 model keeps float32 I/O
        // with the Casts inside the graph, so nothing is converted on the host (models/README.md, fp16).
        TensorPrimitives.ConvertToHalf(source, MemoryMarshal.Cast<Float16, Half>(_half.AsSpan(0, source.Length)));
    }

    public void Read(Span<float> destination)
    {
        if (_float is not null)
        {
            _float.AsSpan(0, destination.Length).CopyTo(destination);
            return;
        }

        TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<Float16, Half>(_half.AsSpan(0, destination.Length)), destination);
    }
}
