using EdgeStream.Core.Models;
using EdgeStream.Onnx.Cuda;
using EdgeStream.Onnx.TensorRt;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Providers;

/// <summary>
/// The provider-selection seam: names from configuration to ONNX Runtime execution providers. CPU needs nothing;
/// CUDA and TensorRT append their provider, which throws <see cref="OnnxRuntimeException"/> on a CPU-only build or a
/// machine without the CUDA libraries (the loader then steps down, <see cref="ProviderChain"/>). GPU sessions run with
/// device I/O binding and CUDA graphs (<see cref="Sessions.DeviceBoundSession"/>).
/// </summary>
internal static class ExecutionProviders
{
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";
    public const string TensorRt = "tensorrt";

    public static readonly IReadOnlyList<string> Known = [Cpu, Cuda, TensorRt];

    public static string Normalise(string? provider)
    {
        var p = (provider ?? Cpu).Trim().ToLowerInvariant();
        return Known.Contains(p)
            ? p
            : throw new ModelLoadException($"provider '{provider}' is not known; use one of: {string.Join(", ", Known)}.");
    }

    /// <summary>
    /// Appends the provider to <paramref name="options"/> (CPU is always there as ONNX Runtime's last resort). Returns
    /// the provider options, to dispose once the session exists; null for CPU.
    /// </summary>
    public static IDisposable? Append(SessionOptions options, string provider, GpuSetup? gpu, string file, ILogger logger) => provider switch
    {
        Cuda => CudaProvider.Append(options, gpu?.Options ?? new GpuOptions()),
        TensorRt => TensorRtProvider.Append(options, gpu ?? throw new ArgumentNullException(nameof(gpu), "TensorRT needs the model's GPU setup."), file, logger),
        _ => null,
    };
}
