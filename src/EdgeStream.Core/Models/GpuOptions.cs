namespace EdgeStream.Core.Models;

/// <summary>
/// How a model runs on the <c>cuda</c> and <c>tensorrt</c> providers (ignored on <c>cpu</c>). Bound from
/// <c>EdgeStream:Models:NAME:Gpu</c> and passed through <c>EngineOptions.Gpu</c>. See docs/gpu.md.
/// </summary>
public sealed class GpuOptions
{
    /// <summary>CUDA device index. Default 0.</summary>
    public int DeviceId { get; set; }

    /// <summary>
    /// Capture one CUDA graph per batch size and replay it (<c>enable_cuda_graph</c>, <c>trt_cuda_graph_enable</c>):
    /// removes most launch overhead at small batches. Default true.
    /// </summary>
    public bool CudaGraphs { get; set; } = true;

    /// <summary>
    /// The fixed batch sizes to capture (each at most MaxBatch; MaxBatch itself is always captured). A partial batch
    /// is padded to the next captured size. Default (null or empty): 1, 8 and MaxBatch.
    /// </summary>
    public List<int>? BatchSizes { get; set; }

    /// <summary>Stage host input and output in page-locked memory (<c>cudaMallocHost</c>); false uses pageable memory (slower copies; for comparison). Default true.</summary>
    public bool PinnedHost { get; set; } = true;

    /// <summary>
    /// Folder for TensorRT engine and timing caches; a subfolder per model sha256, GPU and TensorRT/ONNX Runtime version.
    /// Default: <c>$CACHE_DIRECTORY/tensorrt</c> (systemd CacheDirectory=), else <c>~/.cache/edgestream/tensorrt</c>.
    /// </summary>
    public string? CachePath { get; set; }
}
