using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Cuda;

/// <summary>
/// How a <see cref="Sessions.DeviceBoundSession"/> reaches its device: the CUDA calls, the ONNX Runtime memory info that tells the
/// session where bound buffers live (CUDA device memory; CPU in tests whose fake runtime hands out host memory), and
/// whether graphs are replayed and host memory is pinned.
/// </summary>
internal sealed record DeviceIo(ICudaRuntime Cuda, OrtMemoryInfo Memory, int DeviceId, bool CudaGraphs, bool PinnedHost)
{
    /// <summary>Regular runs per batch size before the engine is ready: ONNX Runtime runs once, then captures the graph.</summary>
    public const int WarmupRuns = 3;

    /// <summary>
    /// Copies host memory to the device and returns only when it is there. From pageable memory <c>cudaMemcpy</c> may
    /// return before the DMA has landed (CUDA "API synchronization behavior"), and ONNX Runtime's kernels run on the
    /// provider's own stream, which need not wait for the legacy default stream: without the wait a run could read a
    /// half-copied input. Pinned copies are already complete when <c>cudaMemcpy</c> returns and skip it.
    /// </summary>
    public void CopyIn(IntPtr device, IntPtr host, long bytes)
    {
        Cuda.CopyToDevice(device, host, bytes);
        if (!PinnedHost)
        {
            Cuda.Synchronize();
        }
    }

    /// <summary>The memory info of CUDA device <paramref name="deviceId"/> (created once per engine, disposed with it).</summary>
    public static OrtMemoryInfo CudaMemory(int deviceId) =>
        new(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, deviceId, OrtMemType.Default);
}
