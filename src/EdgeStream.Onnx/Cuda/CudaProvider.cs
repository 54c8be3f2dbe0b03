using System.Collections.Concurrent;
using System.Globalization;
using EdgeStream.Core.Models;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Cuda;

/// <summary>
/// Appends ONNX Runtime's CUDA provider. With <see cref="GpuOptions.CudaGraphs"/> the session captures graphs
/// (<c>enable_cuda_graph</c>): every input and output must then be bound to device memory whose address never changes,
/// which <see cref="Sessions.DeviceBoundSession"/> does. On the CPU package, or without the CUDA libraries, this or session
/// creation throws <see cref="OnnxRuntimeException"/>: that is the capability check (<c>GetAvailableProviders()</c> lists
/// CUDA even then).
/// </summary>
internal static class CudaProvider
{
    private static readonly ConcurrentDictionary<int, OrtMemoryInfo> MemoryInfos = new();

    /// <summary>Appends the provider; the returned options must live until the session is created.</summary>
    public static IDisposable Append(SessionOptions session, GpuOptions gpu)
    {
        var cuda = new OrtCUDAProviderOptions();
        try
        {
            cuda.UpdateOptions(new Dictionary<string, string>
            {
                ["device_id"] = gpu.DeviceId.ToString(CultureInfo.InvariantCulture),
                ["enable_cuda_graph"] = gpu.CudaGraphs ? "1" : "0",
            });
            session.AppendExecutionProvider_CUDA(cuda);
            return cuda;
        }
        catch
        {
            cuda.Dispose();
            throw;
        }
    }

    /// <summary>The memory info of a CUDA device: one per device for the process (a few bytes; tensors over device buffers reference it).</summary>
    public static OrtMemoryInfo Memory(int deviceId) => MemoryInfos.GetOrAdd(deviceId, DeviceIo.CudaMemory);
}
