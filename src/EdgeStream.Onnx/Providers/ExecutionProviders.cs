using EdgeStream.Core.Inference;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Providers;

/// <summary>
/// The provider-selection seam: names from configuration to ONNX Runtime execution providers. CPU needs nothing;
/// CUDA and TensorRT append their provider, which throws <see cref="OnnxRuntimeException"/> on a CPU-only build or a
/// machine without the CUDA libraries (the factory then falls back to CPU). CUDA graphs and device I/O binding
/// (issue 5) plug in here and in a device-bound session next to <see cref="Sessions.BoundSession"/>.
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

    /// <summary>Appends the provider to <paramref name="options"/>; CPU is always there as ONNX Runtime's last resort.</summary>
    public static void Append(SessionOptions options, string provider)
    {
        switch (provider)
        {
            case Cuda:
                options.AppendExecutionProvider_CUDA(0);
                break;
            case TensorRt:
                options.AppendExecutionProvider_Tensorrt(0);
                options.AppendExecutionProvider_CUDA(0);
                break;
            default:
                break;
        }
    }
}
