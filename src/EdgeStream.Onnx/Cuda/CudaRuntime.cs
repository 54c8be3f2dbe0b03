using System.Runtime.InteropServices;
using System.Text;

namespace EdgeStream.Onnx.Cuda;

/// <summary>
/// The real <see cref="ICudaRuntime"/>: P/Invoke into <c>libcudart.so.13</c> (CUDA 13; ONNX Runtime 1.31's CUDA provider
/// loads the same library, so it is already in the process when a CUDA session exists; CUDA 12 on a Jetson, see
/// <see cref="Load"/>). Resolved lazily: a CPU-only machine never loads it. <c>OrtEnv.CopyTensors</c> cannot copy CPU to CUDA in ORT 1.31, hence these calls.
/// </summary>
internal sealed partial class CudaRuntime : ICudaRuntime
{
    private const string Lib = "libcudart.so.13";
    private const int HostToDevice = 1;
    private const int DeviceToHost = 2;

    // cudaDeviceProp is ~1 KB and grows between CUDA versions; its first field is char name[256]. A generous buffer
    // keeps us independent of the exact layout.
    private const int DevicePropBytes = 16384;

    static CudaRuntime() => NativeLibrary.SetDllImportResolver(typeof(CudaRuntime).Assembly, (name, _, _) => name == Lib ? Load() : IntPtr.Zero);

    public static CudaRuntime Instance { get; } = new();

    /// <summary>
    /// <c>$EDGESTREAM_CUDART</c>, else CUDA 13's runtime, else CUDA 12's (JetPack 6 ships CUDA 12.6 and ONNX Runtime
    /// built for it), else the unversioned name; zero when none loads (the call then throws DllNotFoundException).
    /// </summary>
    internal static IntPtr Load()
    {
        string?[] names = [Environment.GetEnvironmentVariable("EDGESTREAM_CUDART"), Lib, "libcudart.so.12", "libcudart.so"];
        foreach (var name in names)
        {
            if (!string.IsNullOrEmpty(name) && NativeLibrary.TryLoad(name, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    public void SetDevice(int device) => Check(cudaSetDevice(device), "cudaSetDevice");

    public unsafe string DeviceName(int device)
    {
        var props = new byte[DevicePropBytes];
        // CUDA 12 exports the versioned symbol (the plain name is a header macro); look up both to be safe across versions.
        var lib = Load();
        if (lib == IntPtr.Zero)
        {
            throw new DllNotFoundException($"{Lib} (or libcudart.so.12) could not be loaded");
        }

        if (!NativeLibrary.TryGetExport(lib, "cudaGetDeviceProperties_v2", out var fn) && !NativeLibrary.TryGetExport(lib, "cudaGetDeviceProperties", out fn))
        {
            throw new CudaException($"{Lib} exports no cudaGetDeviceProperties");
        }

        fixed (byte* p = props)
        {
            Check(((delegate* unmanaged<byte*, int, int>)fn)(p, device), "cudaGetDeviceProperties");
        }

        var end = Array.IndexOf(props, (byte)0, 0, 256);
        return Encoding.UTF8.GetString(props, 0, end < 0 ? 256 : end).Trim();
    }

    public IntPtr AllocDevice(long bytes)
    {
        Check(cudaMalloc(out var p, (nuint)bytes), "cudaMalloc");
        return p;
    }

    public void FreeDevice(IntPtr pointer) => Check(cudaFree(pointer), "cudaFree");

    public IntPtr AllocPinnedHost(long bytes)
    {
        Check(cudaMallocHost(out var p, (nuint)bytes), "cudaMallocHost");
        return p;
    }

    public void FreePinnedHost(IntPtr pointer) => Check(cudaFreeHost(pointer), "cudaFreeHost");

    public void CopyToDevice(IntPtr device, IntPtr host, long bytes) => Check(cudaMemcpy(device, host, (nuint)bytes, HostToDevice), "cudaMemcpy(HostToDevice)");

    public void CopyToHost(IntPtr host, IntPtr device, long bytes) => Check(cudaMemcpy(host, device, (nuint)bytes, DeviceToHost), "cudaMemcpy(DeviceToHost)");

    public void Synchronize() => Check(cudaDeviceSynchronize(), "cudaDeviceSynchronize");

    private static void Check(int code, string call)
    {
        if (code != 0)
        {
            throw new CudaException(call, code, Marshal.PtrToStringUTF8(cudaGetErrorName(code)));
        }
    }

    [LibraryImport(Lib)]
    private static partial int cudaSetDevice(int device);

    [LibraryImport(Lib)]
    private static partial int cudaMalloc(out IntPtr pointer, nuint bytes);

    [LibraryImport(Lib)]
    private static partial int cudaFree(IntPtr pointer);

    [LibraryImport(Lib)]
    private static partial int cudaMallocHost(out IntPtr pointer, nuint bytes);

    [LibraryImport(Lib)]
    private static partial int cudaFreeHost(IntPtr pointer);

    [LibraryImport(Lib)]
    private static partial int cudaMemcpy(IntPtr destination, IntPtr source, nuint bytes, int kind);

    [LibraryImport(Lib)]
    private static partial int cudaDeviceSynchronize();

    [LibraryImport(Lib)]
    private static partial IntPtr cudaGetErrorName(int code);
}
