using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx.Cuda;
using EdgeStream.Onnx.Sessions;
using EdgeStream.Onnx.Tensors;
using EdgeStream.Onnx.Tests.Support;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Tests.Gpu;

/// <summary>
/// The GPU engine's binding path on CPU: the same <see cref="DeviceBoundSession"/> the CUDA provider gets, over a CPU
/// session whose bound "device" buffers come from <see cref="LoopbackCudaRuntime"/> (CPU memory info instead of CUDA's).
/// </summary>
internal static class LoopbackEngines
{
    public static (OnnxEngine Engine, DeviceBoundSession Session) Fused(LoopbackCudaRuntime cuda, string variant, BatchSizes sizes, bool pinned = true, bool graphs = true)
    {
        var manifest = ManifestLoader.Load(RepoPaths.TinyAction);
        var v = manifest.FindVariant(variant)!;
        var part = ModelPlan.For(manifest, v, ManifestQueries.Fused).Single();
        var session = CpuSession(manifest.Resolve(part.File.File));
        var io = new DeviceIo(cuda, OrtMemoryInfo.DefaultInstance, 0, graphs, pinned);
        var bound = new DeviceBoundSession(session, part.File.File, part.Input, part.Outputs, sizes, io);
        bound.Warmup();
        var info = new EngineInfo(manifest.Name, manifest.Version, part.File.Sha256, v.Precision, "loopback", ManifestQueries.Fused);
        return (new OnnxEngine(manifest, info, null, bound), bound);
    }

    private static InferenceSession CpuSession(string path)
    {
        using var so = new SessionOptions { IntraOpNumThreads = 1 };
        so.AddSessionConfigEntry("optimization.disable_specified_optimizers", "FuseFp16InitializerToFp32NodeTransformer");
        return new InferenceSession(path, so);
    }
}
