using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx.Cuda;
using EdgeStream.Onnx.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Sessions;

/// <summary>
/// Creates sessions with the configured provider, stepping down the <see cref="ProviderChain"/> (tensorrt -> cuda -> cpu)
/// when one cannot load, with one log line naming every reason; or failing when the chain may not reach CPU.
/// Creating the session is the capability check: <c>GetAvailableProviders()</c> lists CUDA even without its libraries.
/// </summary>
internal static class SessionLoader
{
    /// <summary>Returns the session and the provider it really runs on.</summary>
    public static (InferenceSession Session, string Provider) Create(string path, VariantSpec variant, EngineOptions options, string provider, ILogger logger, GpuSetup? gpu = null)
    {
        var file = DisplayPath.Of(path);
        var reasons = new List<string>();
        Exception? last = null;
        foreach (var p in ProviderChain.For(provider, options.FallbackToCpu))
        {
            if (p == ExecutionProviders.Cpu)
            {
                break;
            }

            try
            {
                var session = Open(path, options, p, gpu, logger);
                if (p != provider)
                {
                    SessionLog.ProviderStepDown(logger, provider, p, file, string.Join("; ", reasons));
                }

                return (session, p);
            }
            catch (Exception ex) when (OrtErrors.IsRuntimeFailure(ex))
            {
                last = ex;
                reasons.Add($"{p}: {OrtErrors.FirstLine(ex.Message)}");
            }
        }

        if (last is not null)
        {
            if (!options.FallbackToCpu)
            {
                throw OrtErrors.Provider(last, path, provider, string.Join("; ", reasons));
            }

            SessionLog.ProviderFallback(logger, provider, file, string.Join("; ", reasons));
        }

        try
        {
            return (Open(path, options, ExecutionProviders.Cpu, null, logger), ExecutionProviders.Cpu);
        }
        catch (Exception ex) when (OrtErrors.IsRuntimeFailure(ex))
        {
            throw OrtErrors.Load(ex, path, variant, ExecutionProviders.Cpu);
        }
    }

    private static InferenceSession Open(string path, EngineOptions options, string provider, GpuSetup? gpu, ILogger logger)
    {
        using var so = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // ORT's own warnings (e.g. nodes placed on CPU) go to stderr outside our logging; errors still surface as exceptions.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };

        // Spinning intra-op workers burn the cores that capture and preprocessing need on small boxes (docs/inference.md; benchmarks/README.md measures the thread counts).
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");

        // float16 models run on the CPU provider through Casts to float32 kernels (CastFloat16Transformer). In ORT 1.31.1
        // the level-3 FuseFp16InitializerToFp32NodeTransformer then crashes the process (SIGSEGV) on models with an LSTM;
        // it only folds those Casts into initializers, so it is switched off (it does nothing for float32 models).
        so.AddSessionConfigEntry("optimization.disable_specified_optimizers", "FuseFp16InitializerToFp32NodeTransformer");
        var file = DisplayPath.Of(path);
        using var providerOptions = ExecutionProviders.Append(so, provider, gpu, file, logger);
        if (!ProviderChain.IsGpu(provider))
        {
            return new InferenceSession(path, so);
        }

        var note = provider == ExecutionProviders.TensorRt ? "TensorRT builds its engine on the first start on this GPU; later starts load it from the cache" : "loading CUDA kernels";
        using var progress = SessionProgress.Start(logger, provider, file, note);
        return new InferenceSession(path, so);
    }
}
