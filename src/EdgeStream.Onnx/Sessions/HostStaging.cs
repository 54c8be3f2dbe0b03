using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using EdgeStream.Onnx.Cuda;
using EdgeStream.Onnx.Tensors;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeStream.Onnx.Sessions;

/// <summary>
/// Host memory for one tensor, MaxBatch items, zeroed: page-locked (<c>cudaMallocHost</c>, DMA straight from it) or
/// pageable (the driver copies through its own staging buffer; kept for comparison). float16 tensors convert here,
/// vectorised (F16C), on the way in and out: the pipeline works in float32 throughout.
/// </summary>
internal sealed unsafe class HostStaging : IDisposable
{
    private readonly ICudaRuntime _cuda;
    private readonly bool _pinned;
    private readonly int _length;
    private readonly NativeFloatMemory? _memory;

    public HostStaging(ICudaRuntime cuda, TensorSpec spec, int maxBatch, bool pinned)
    {
        _cuda = cuda;
        _pinned = pinned;
        Spec = spec;
        IsHalf = spec.ElementType == TensorElementType.Float16;
        ElementSize = IsHalf ? sizeof(ushort) : sizeof(float);
        _length = spec.ItemLength * maxBatch;
        var bytes = (long)_length * ElementSize;
        Pointer = pinned ? cuda.AllocPinnedHost(bytes) : (IntPtr)NativeMemory.AlignedAlloc((nuint)bytes, 64);
        NativeMemory.Clear((void*)Pointer, (nuint)bytes);
        _memory = IsHalf ? null : new NativeFloatMemory((float*)Pointer, _length);
    }

    public TensorSpec Spec { get; }

    public IntPtr Pointer { get; private set; }

    public bool IsHalf { get; }

    /// <summary>Bytes per element: 2 for float16, 4 for float32.</summary>
    public int ElementSize { get; }

    /// <summary>Bytes of <paramref name="batch"/> items.</summary>
    public long BytesOf(int batch) => (long)batch * Spec.ItemLength * ElementSize;

    /// <summary>The float32 memory the caller may fill directly; empty for float16 (it converts on <see cref="Write"/>).</summary>
    public Memory<float> Floats => _memory?.Memory ?? Memory<float>.Empty;

    /// <summary>Writes the first items; nothing to copy when <paramref name="source"/> already is this memory.</summary>
    public void Write(ReadOnlySpan<float> source)
    {
        if (IsHalf)
        {
            TensorPrimitives.ConvertToHalf(source, new Span<Half>((void*)Pointer, source.Length));
            return;
        }

        var own = new Span<float>((void*)Pointer, _length);
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(own)))
        {
            source.CopyTo(own);
        }
    }

    public void Read(Span<float> destination)
    {
        if (IsHalf)
        {
            TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>((void*)Pointer, destination.Length), destination);
            return;
        }

        new ReadOnlySpan<float>((void*)Pointer, destination.Length).CopyTo(destination);
    }

    public void Dispose()
    {
        if (Pointer == IntPtr.Zero)
        {
            return;
        }

        if (_pinned)
        {
            _cuda.FreePinnedHost(Pointer);
        }
        else
        {
            NativeMemory.AlignedFree((void*)Pointer);
        }

        Pointer = IntPtr.Zero;
    }
}
