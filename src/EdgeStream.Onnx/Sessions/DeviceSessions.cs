using System.Diagnostics;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx.Cuda;
using EdgeStream.Onnx.Tensors;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Sessions;

/// <summary>Wraps a GPU session in a <see cref="DeviceBoundSession"/> and warms it up (captures every graph) before anyone runs it.</summary>
internal static class DeviceSessions
{
    public static DeviceBoundSession Open(InferenceSession session, string path, ModelPart part, BatchSizes sizes, GpuOptions gpu, string provider, ICudaRuntime cuda, ILogger logger)
    {
        var io = new DeviceIo(cuda, CudaProvider.Memory(gpu.DeviceId), gpu.DeviceId, gpu.CudaGraphs, gpu.PinnedHost);
        var bound = new DeviceBoundSession(session, path, part.Input, part.Outputs, sizes, io);
        try
        {
            var started = Stopwatch.GetTimestamp();
            bound.Warmup();
            SessionLog.DeviceReady(logger, DisplayPath.Of(path), provider, sizes.ToString(), gpu.CudaGraphs ? "on" : "off", gpu.PinnedHost ? "pinned" : "pageable", (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return bound;
        }
        catch
        {
            bound.ReleaseDevice();
            throw;
        }
    }
}
