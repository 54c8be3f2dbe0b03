using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Models;

/// <summary>Creates engines; the ONNX Runtime adapter implements it. Throws <see cref="ModelLoadException"/> with a clear message.</summary>
public interface IInferenceEngineFactory
{
    IInferenceEngine Create(ModelManifest manifest, EngineOptions options);
}

/// <summary>What to load and how: variant and layout default to the manifest's; provider "cpu", "cuda" or "tensorrt".</summary>
public sealed record EngineOptions
{
    public string? Variant { get; init; }
    public string? Layout { get; init; }
    public string Provider { get; init; } = "cpu";
    public int IntraOpThreads { get; init; } = 1;
    public int MaxBatch { get; init; } = 8;

    /// <summary>When the provider cannot load (no GPU, missing CUDA libraries), log one line and run on CPU. False: fail to load instead.</summary>
    public bool FallbackToCpu { get; init; } = true;

    /// <summary>CUDA/TensorRT settings (CUDA graphs, captured batch sizes, pinned host memory, TensorRT cache). Ignored on cpu.</summary>
    public GpuOptions Gpu { get; init; } = new();
}
