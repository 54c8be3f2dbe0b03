using EdgeStream.Core.Models;
using EdgeStream.Onnx.Cuda;
using EdgeStream.Onnx.Sessions;
using EdgeStream.Onnx.TensorRt;
using EdgeStream.Onnx.Tensors;
using EdgeStream.Onnx.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace EdgeStream.Onnx.Tests.Gpu;

/// <summary>What EdgeStream asks TensorRT for, where its caches go, and the progress lines during a long session build.</summary>
public sealed class TensorRtTests
{
    private static readonly TensorSpec Frames = new("frames", "frames", [-1, 16, 3, 64, 64], TensorElementType.Float16);

    [Fact]
    public void Settings_Int8_EnablesInt8AndFp16CachesGraphsAndOneProfileOverTheCapturedSizes()
    {
        var gpu = new GpuSetup(new GpuOptions(), Frames, BatchSizes.Of(1, 8, 32), "ab", "int8", new LoopbackCudaRuntime());

        var s = TensorRtProvider.Settings(gpu, "/cache/x");

        Assert.Equal("1", s["trt_int8_enable"]);
        Assert.Equal("1", s["trt_fp16_enable"]);
        Assert.Equal("1", s["trt_engine_cache_enable"]);
        Assert.Equal("/cache/x", s["trt_engine_cache_path"]);
        Assert.Equal("1", s["trt_timing_cache_enable"]);
        Assert.Equal("/cache/x", s["trt_timing_cache_path"]);
        Assert.Equal("1", s["trt_cuda_graph_enable"]);
        Assert.Equal("frames:1x16x3x64x64", s["trt_profile_min_shapes"]);
        Assert.Equal("frames:8x16x3x64x64", s["trt_profile_opt_shapes"]);
        Assert.Equal("frames:32x16x3x64x64", s["trt_profile_max_shapes"]);
    }

    [Fact]
    public void Settings_Fp32WithoutGraphs_KeepsFullPrecisionAndNoGraph()
    {
        var gpu = new GpuSetup(new GpuOptions { CudaGraphs = false, DeviceId = 1 }, Frames, BatchSizes.Of(1), "ab", "fp32", new LoopbackCudaRuntime());

        var s = TensorRtProvider.Settings(gpu, "/c");

        Assert.Equal("0", s["trt_fp16_enable"]);
        Assert.Equal("0", s["trt_int8_enable"]);
        Assert.Equal("0", s["trt_cuda_graph_enable"]);
        Assert.Equal("1", s["device_id"]);
        Assert.False(s.ContainsKey("trt_profile_min_shapes"));
    }

    [Fact]
    public void CacheFolder_ChangedModelGpuOrVersion_IsAnotherFolder()
    {
        var a = EngineCacheKey.Folder("/c", "0123456789abcdef0123", "NVIDIA H100 80GB HBM3", "10.13.3", "1.31.0");

        Assert.Equal("/c/0123456789abcdef-nvidia_h100_80gb_hbm3-trt10.13.3-ort1.31.0", a);
        Assert.NotEqual(a, EngineCacheKey.Folder("/c", "1123456789abcdef0123", "NVIDIA H100 80GB HBM3", "10.13.3", "1.31.0"));
        Assert.NotEqual(a, EngineCacheKey.Folder("/c", "0123456789abcdef0123", "Orin", "10.13.3", "1.31.0"));
        Assert.NotEqual(a, EngineCacheKey.Folder("/c", "0123456789abcdef0123", "NVIDIA H100 80GB HBM3", "10.3.0", "1.31.0"));
        Assert.NotEqual(a, EngineCacheKey.Folder("/c", "0123456789abcdef0123", "NVIDIA H100 80GB HBM3", "10.13.3", "1.32.0"));
    }

    [Fact]
    public void CacheRoot_Configured_WinsOverDefault()
    {
        Assert.Equal("/var/cache/x", EngineCacheKey.Root("/var/cache/x"));
        Assert.EndsWith("tensorrt", EngineCacheKey.Root(null), StringComparison.Ordinal);
    }

    [NoGpuFact]
    public void Version_TensorRtNotInstalled_IsNull()
    {
        Assert.Null(TensorRtLibrary.Version());
    }

    [Fact]
    public void SessionProgress_LongBuild_LogsEveryIntervalUntilDisposed()
    {
        var logger = new ListLogger<TensorRtTests>();
        var time = new FakeTimeProvider();
        var progress = SessionProgress.Start(logger, "tensorrt", "action.fp16.onnx", "building", time);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(logger.Lines);
        time.Advance(TimeSpan.FromSeconds(1));
        time.Advance(SessionProgress.Interval);
        progress.Dispose();
        time.Advance(SessionProgress.Interval);

        Assert.Equal(2, logger.Lines.Count);
        Assert.All(logger.Lines, l => Assert.Equal(4151, l.Id.Id));
        Assert.Equal("Creating the tensorrt session for action.fp16.onnx: 10 s so far (building)", logger.Lines.Last().Message);
        Assert.Equal(LogLevel.Information, logger.Lines.First().Level);
    }
}
