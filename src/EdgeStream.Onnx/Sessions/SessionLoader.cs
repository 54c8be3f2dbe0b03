using EdgeStream.Core.Inference;
using EdgeStream.Core.Inference.Manifest;
using EdgeStream.Onnx.Providers;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Sessions;

/// <summary>Creates sessions with the configured provider, falling back to CPU when it cannot load (unless told not to).</summary>
internal static class SessionLoader
{
    /// <summary>Returns the session and the provider it really runs on.</summary>
    public static (InferenceSession Session, string Provider) Create(string path, VariantSpec variant, EngineOptions options, string provider, ILogger logger)
    {
        if (provider != ExecutionProviders.Cpu)
        {
            try
            {
                return (Open(path, options, provider), provider);
            }
            catch (Exception ex) when (OrtErrors.IsRuntimeFailure(ex))
            {
                if (!options.FallbackToCpu)
                {
                    throw OrtErrors.Provider(ex, path, provider);
                }

                Log.ProviderFallback(logger, provider, DisplayPath.Of(path), ex.Message.Split('\n', 2)[0]);
            }
        }

        try
        {
            return (Open(path, options, ExecutionProviders.Cpu), ExecutionProviders.Cpu);
        }
        catch (Exception ex) when (OrtErrors.IsRuntimeFailure(ex))
        {
            throw OrtErrors.Load(ex, path, variant, ExecutionProviders.Cpu);
        }
    }

    private static InferenceSession Open(string path, EngineOptions options, string provider)
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

        // Spinning intra-op workers burn the cores that capture and preprocessing need on small boxes (DESIGN section 7).
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");

        // float16 models run on the CPU provider through Casts to float32 kernels (CastFloat16Transformer). In ORT 1.31.1
        // the level-3 FuseFp16InitializerToFp32NodeTransformer then crashes the process (SIGSEGV) on models with an LSTM;
        // it only folds those Casts into initializers, so it is switched off (it does nothing for float32 models).
        so.AddSessionConfigEntry("optimization.disable_specified_optimizers", "FuseFp16InitializerToFp32NodeTransformer");
        ExecutionProviders.Append(so, provider);
        return new InferenceSession(path, so);
    }
}
