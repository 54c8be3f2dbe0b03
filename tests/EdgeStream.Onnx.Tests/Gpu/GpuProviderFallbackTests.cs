using EdgeStream.Core.Models;
using EdgeStream.Onnx.Tests.Support;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Onnx.Tests.Gpu;

/// <summary>
/// The provider chain (tensorrt -> cuda -> cpu) where no GPU, CUDA library or TensorRT is installed (every machine
/// here; the GPU build flavour on a CPU box behaves the same). On a GPU machine these would load the GPU providers,
/// so they are skipped there with the reason shown.
/// </summary>
public sealed class GpuProviderFallbackTests
{
    [NoGpuFact]
    public void Create_TensorRtWithoutTensorRtOrCuda_RunsOnCpuWithOneLineNamingEachReason()
    {
        var logger = new ListLogger<OnnxEngineFactory>();

        using var engine = new OnnxEngineFactory(logger).Create(RepoPaths.TinyAction, new EngineOptions { Variant = "fp32", Layout = "split", Provider = "tensorrt" });

        Assert.Equal("cpu", engine.Info.Provider);
        var warning = Assert.Single(logger.Lines, l => l.Level >= LogLevel.Warning);
        Assert.Equal(4101, warning.Id.Id);
        Assert.StartsWith("Provider 'tensorrt' could not load for ", warning.Message, StringComparison.Ordinal);
        Assert.Contains("tiny.encoder.fp32.onnx; running on CPU instead", warning.Message, StringComparison.Ordinal);
        Assert.Contains("tensorrt: TensorRT (libnvinfer.so.10) is not installed", warning.Message, StringComparison.Ordinal);
        Assert.Contains("; cuda: ", warning.Message, StringComparison.Ordinal);
    }

    [NoGpuFact]
    public void Create_SplitModelOnCuda_LogsOneFallbackLineForBothFiles()
    {
        var logger = new ListLogger<OnnxEngineFactory>();

        using var engine = new OnnxEngineFactory(logger).Create(RepoPaths.TinyAction, new EngineOptions { Variant = "int8", Layout = "split", Provider = "cuda" });

        Assert.Equal("cpu", engine.Info.Provider);
        Assert.Single(logger.Lines, l => l.Level >= LogLevel.Warning);
    }

    [NoGpuFact]
    public void Create_TensorRtWithFallbackOff_ThrowsNamingTensorRtAndCuda()
    {
        var ex = Assert.Throws<ModelLoadException>(() => new OnnxEngineFactory().Create(RepoPaths.TinyAnomaly, new EngineOptions { Provider = "tensorrt", FallbackToCpu = false }));

        Assert.Contains("provider 'tensorrt' could not load: tensorrt: TensorRT (libnvinfer.so.10) is not installed", ex.Message, StringComparison.Ordinal);
        Assert.Contains("; cuda: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("set provider to cpu", ex.Message, StringComparison.Ordinal);
    }

    [NoGpuFact]
    public void Create_GpuOptionsOnCpu_AreIgnoredAfterFallback()
    {
        var options = new EngineOptions { Provider = "cuda", MaxBatch = 4, Gpu = new GpuOptions { BatchSizes = [1, 2], CudaGraphs = true, PinnedHost = false } };

        using var engine = new OnnxEngineFactory().Create(RepoPaths.TinyAnomaly, options);

        Assert.Equal("cpu", engine.Info.Provider);
        Assert.Equal(4, engine.MaxBatch);
    }

    [Fact]
    public void Create_BadBatchSizesOnGpuProvider_FailsBeforeLoading()
    {
        var options = new EngineOptions { Provider = "cuda", MaxBatch = 8, Gpu = new GpuOptions { BatchSizes = [1, 16] } };

        var ex = Assert.Throws<ModelLoadException>(() => new OnnxEngineFactory().Create(RepoPaths.TinyAnomaly, options));

        Assert.Contains("Gpu.BatchSizes: 16 not in 1..MaxBatch (8)", ex.Message, StringComparison.Ordinal);
    }
}
