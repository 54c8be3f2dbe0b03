using System.Globalization;
using EdgeStream.Core.Models;
using EdgeStream.Onnx.Cuda;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.TensorRt;

/// <summary>
/// Appends ONNX Runtime's TensorRT provider (with CUDA behind it for nodes TensorRT does not take): fp16, and int8 for
/// QDQ models (explicit quantization: the scales are in the model, no calibration table); engine and timing caches in
/// the folder of <see cref="EngineCacheKey"/>; an optimisation profile from the smallest to the largest captured batch;
/// <c>trt_cuda_graph_enable</c>. Throws <see cref="DllNotFoundException"/> when TensorRT is not installed, so the
/// loader steps down to CUDA with the reason in its log line.
/// </summary>
internal static class TensorRtProvider
{
    /// <summary>Appends TensorRT then CUDA; returns the provider options, which must live until the session is created.</summary>
    public static IDisposable Append(SessionOptions session, GpuSetup gpu, string file, ILogger logger)
    {
        var version = TensorRtLibrary.Version()
            ?? throw new DllNotFoundException($"TensorRT ({TensorRtLibrary.Name}) is not installed or not on the library path");
        var folder = EngineCacheKey.Folder(EngineCacheKey.Root(gpu.Options.CachePath), gpu.Sha256, gpu.Cuda.DeviceName(gpu.Options.DeviceId), version, OrtEnv.Instance().GetVersionString());
        Directory.CreateDirectory(folder);
        TensorRtLog.Caches(logger, file, folder);
        var trt = new OrtTensorRTProviderOptions();
        try
        {
            trt.UpdateOptions(Settings(gpu, folder));
            session.AppendExecutionProvider_Tensorrt(trt);
            // TensorRT captures the graph itself (trt_cuda_graph_enable); CUDA behind it only takes leftover nodes.
            var cuda = CudaProvider.Append(session, new GpuOptions { DeviceId = gpu.Options.DeviceId, CudaGraphs = false });
            return new Both(trt, cuda);
        }
        catch
        {
            trt.Dispose();
            throw;
        }
    }

    /// <summary>The provider options (public for the docs and tests: what EdgeStream asks TensorRT for).</summary>
    public static Dictionary<string, string> Settings(GpuSetup gpu, string cacheFolder)
    {
        var int8 = gpu.Precision == "int8";
        var settings = new Dictionary<string, string>
        {
            ["device_id"] = gpu.Options.DeviceId.ToString(CultureInfo.InvariantCulture),
            ["trt_fp16_enable"] = int8 || gpu.Precision == "fp16" ? "1" : "0",
            ["trt_int8_enable"] = int8 ? "1" : "0",
            ["trt_engine_cache_enable"] = "1",
            ["trt_engine_cache_path"] = cacheFolder,
            ["trt_timing_cache_enable"] = "1",
            ["trt_timing_cache_path"] = cacheFolder,
            ["trt_cuda_graph_enable"] = gpu.Options.CudaGraphs ? "1" : "0",
        };

        if (gpu.Sizes.Max > 1)
        {
            // One profile covering every captured size: no engine rebuild when the batch changes.
            settings["trt_profile_min_shapes"] = Shape(gpu, gpu.Sizes.Sizes[0]);
            settings["trt_profile_opt_shapes"] = Shape(gpu, gpu.Sizes.Sizes[gpu.Sizes.Sizes.Count / 2]);
            settings["trt_profile_max_shapes"] = Shape(gpu, gpu.Sizes.Max);
        }

        return settings;
    }

    private static string Shape(GpuSetup gpu, int batch) =>
        $"{gpu.Input.Name}:{string.Join("x", gpu.Input.Dims.Select((d, i) => (i == 0 ? batch : d).ToString(CultureInfo.InvariantCulture)))}";

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
