using System.Runtime.InteropServices;
using EdgeStream.Onnx.Cuda;

namespace EdgeStream.Onnx.Tests.Gpu;

/// <summary>
/// A CUDA runtime without a GPU: "device" memory is host memory, so a real CPU session can run over the bound buffers
/// and the test sees real outputs. Every call is recorded (kind, addresses, bytes) to check order and addresses, and
/// live allocations are tracked so a leak or a per-window allocation shows.
/// </summary>
internal sealed unsafe class LoopbackCudaRuntime : ICudaRuntime
{
    private readonly Dictionary<IntPtr, (string Kind, long Bytes)> _live = [];

    public List<CudaCall> Calls { get; } = [];

    public IReadOnlyDictionary<IntPtr, (string Kind, long Bytes)> Live => _live;

    public void SetDevice(int device) => Calls.Add(new("SetDevice", device, 0, 0));

    public string DeviceName(int device) => "Loopback GPU";

    public IntPtr AllocDevice(long bytes) => Alloc("AllocDevice", bytes);

    public void FreeDevice(IntPtr pointer) => Free("AllocDevice", pointer);

    public IntPtr AllocPinnedHost(long bytes) => Alloc("AllocPinnedHost", bytes);

    public void FreePinnedHost(IntPtr pointer) => Free("AllocPinnedHost", pointer);

    public void CopyToDevice(IntPtr device, IntPtr host, long bytes) => Copy("CopyToDevice", device, host, bytes, "AllocDevice");

    public void CopyToHost(IntPtr host, IntPtr device, long bytes) => Copy("CopyToHost", host, device, bytes, null);

    public void Synchronize() => Calls.Add(new("Synchronize", 0, 0, 0));

    private IntPtr Alloc(string kind, long bytes)
    {
        // Garbage, not zeros: the code under test must not rely on fresh memory being clear.
        var p = (IntPtr)NativeMemory.AlignedAlloc((nuint)bytes, 256);
        new Span<byte>((void*)p, (int)bytes).Fill(0xCD);
        _live.Add(p, (kind, bytes));
        Calls.Add(new(kind, p, 0, bytes));
        return p;
    }

    private void Free(string kind, IntPtr p)
    {
        if (!_live.Remove(p, out var a) || a.Kind != kind)
        {
            throw new CudaException($"free of {p:x} that {kind} did not allocate");
        }

        NativeMemory.AlignedFree((void*)p);
        Calls.Add(new("Free" + kind[5..], p, 0, 0));
    }

    private void Copy(string kind, IntPtr destination, IntPtr source, long bytes, string? destinationKind)
    {
        var device = destinationKind is null ? source : destination;
        if (!_live.TryGetValue(device, out var a) || a.Kind != "AllocDevice" || bytes > a.Bytes)
        {
            throw new CudaException($"{kind} of {bytes} bytes touches {device:x}, which is not the start of a device buffer that large");
        }

        Buffer.MemoryCopy((void*)source, (void*)destination, bytes, bytes);
        Calls.Add(new(kind, destination, source, bytes));
    }
}

/// <summary>One recorded call: for copies A is the destination and B the source; for allocations A is the address.</summary>
internal readonly record struct CudaCall(string Kind, IntPtr A, IntPtr B, long Bytes);
