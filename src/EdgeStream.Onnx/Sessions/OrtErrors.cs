using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx.Cuda;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Sessions;

/// <summary>The one place where ONNX Runtime's exceptions become EdgeStream's (docs/architecture.md, "Failures").</summary>
internal static class OrtErrors
{
    /// <summary>Exceptions ONNX Runtime raises when a session cannot be created or a provider cannot load.</summary>
    public static bool IsRuntimeFailure(Exception ex) =>
        ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException or CudaException;

    /// <summary>A CPU session could not be created from <paramref name="path"/>.</summary>
    public static ModelLoadException Load(Exception ex, string path, VariantSpec variant, string provider)
    {
        var file = DisplayPath.Of(path);
        var reason = FirstLine(ex.Message);
        var code = Code(ex);
        if (code == "NotImplemented" && variant.IoType == "float16")
        {
            return new UnsupportedVariantException(
                $"{file}: variant '{variant.Name}' (float16) cannot run on the {provider} provider: {reason}. " +
                "ONNX Runtime's CPU provider lacks float16 kernels for this model; use an fp32 or int8 variant on CPU, fp16 on cuda/tensorrt.", ex);
        }

        if (code is "InvalidProtobuf" or "InvalidGraph" or "Fail")
        {
            return new ModelLoadException($"{file}: not a valid ONNX model ({reason}); re-export it or copy the file again.", ex);
        }

        return new ModelLoadException($"{file}: ONNX Runtime could not load the model on {provider}: {reason}", ex);
    }

    /// <summary>The provider could not load and fallback is off; <paramref name="reasons"/> names every provider tried.</summary>
    public static ModelLoadException Provider(Exception ex, string path, string provider, string? reasons = null) =>
        new($"{DisplayPath.Of(path)}: provider '{provider}' could not load: {reasons ?? FirstLine(ex.Message)}. " +
            "Install the GPU build and CUDA libraries, or set provider to cpu (or FallbackToCpu=true).", ex);

    /// <summary>A CUDA copy failed during a run (device lost, out of memory).</summary>
    public static InferenceException Cuda(CudaException ex, string file, int batch) =>
        new($"{DisplayPath.Of(file)}: inference failed for a batch of {batch}: {ex.Message}", ex);

    /// <summary>A run failed: shapes fed at run time or a kernel error.</summary>
    public static InferenceException Run(OnnxRuntimeException ex, string file, int batch) =>
        new($"{DisplayPath.Of(file)}: inference failed for a batch of {batch}: {FirstLine(ex.Message)}", ex);

    /// <summary>ONNX Runtime's error code, which the C# API exposes only as the message prefix "[ErrorCode:Name]".</summary>
    private static string? Code(Exception ex)
    {
        const string Prefix = "[ErrorCode:";
        var m = ex.Message;
        var end = m.IndexOf(']', StringComparison.Ordinal);
        return ex is OnnxRuntimeException && m.StartsWith(Prefix, StringComparison.Ordinal) && end > Prefix.Length ? m[Prefix.Length..end] : null;
    }

    public static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length > 400 ? line[..400] + "..." : line;
    }
}
