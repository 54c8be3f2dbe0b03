using System.Buffers;

namespace EdgeStream.Onnx.Sessions;

/// <summary>A <see cref="Memory{T}"/> over native host memory that <see cref="HostStaging"/> owns and frees.</summary>
internal sealed unsafe class NativeFloatMemory : MemoryManager<float>
{
    private readonly float* _pointer;
    private readonly int _length;

    public NativeFloatMemory(float* pointer, int length)
    {
        _pointer = pointer;
        _length = length;
    }

    public override Span<float> GetSpan() => new(_pointer, _length);

    // Native memory never moves: pinning is a no-op.
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
