using EdgeStream.Core.Models;

namespace EdgeStream.Host.Configuration;

/// <summary>One model as configured: which folder, variant, layout and provider.</summary>
public sealed class ModelOptions
{
    /// <summary>Folder with manifest.json (relative paths resolve against the config file's folder).</summary>
    public string Path { get; set; } = "";

    /// <summary>Variant name from the manifest (fp32, fp16, int8). Default: the manifest's default.</summary>
    public string? Variant { get; set; }

    /// <summary><c>split</c> or <c>fused</c>. Default: the manifest's default.</summary>
    public string? Layout { get; set; }

    /// <summary><c>cpu</c>, <c>cuda</c> or <c>tensorrt</c>. Default: cpu.</summary>
    public string Provider { get; set; } = "cpu";

    /// <summary>
    /// When <see cref="Provider"/> cannot load (no GPU, CUDA libraries missing), log one clear line and run on CPU.
    /// False stops start-up with the provider's error instead. Default true: an edge box keeps working on CPU.
    /// </summary>
    public bool FallbackToCpu { get; set; } = true;

    /// <summary>ONNX Runtime intra-op threads. Default 1: on small boxes capture and preprocessing need the other cores.</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>Largest batch of windows (across streams) per inference call. Default 8.</summary>
    public int MaxBatch { get; set; } = 8;

    /// <summary>CUDA/TensorRT settings: CUDA graphs, captured batch sizes, pinned host memory, TensorRT cache folder. Ignored on cpu.</summary>
    public GpuOptions Gpu { get; set; } = new();

    /// <summary>Action labels that never start an event (a background class such as <c>idle</c>). Default: none; the bundled config ignores <c>idle</c>.</summary>
    public List<string> IgnoredLabels { get; set; } = [];
}
