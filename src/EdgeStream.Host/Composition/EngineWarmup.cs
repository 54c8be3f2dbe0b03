using System.Diagnostics;
using EdgeStream.Core.Models;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Composition;

/// <summary>
/// One inference on zeros right after an engine is created (an encode first for split models): ONNX Runtime
/// allocates its arenas and picks kernels on the first run, so that cost lands before READY instead of on the first
/// real window, and a model that loads but cannot run stops start-up instead of failing every window.
/// </summary>
internal static class EngineWarmup
{
    /// <summary>Runs one batch of one window; a failure becomes a <see cref="ModelLoadException"/>.</summary>
    public static TimeSpan Run(IInferenceEngine engine, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var start = Stopwatch.GetTimestamp();
        try
        {
            if (engine.EncodesFrames)
            {
                engine.Encode(new float[engine.FrameLength], 1, new float[engine.StepLength]);
            }

            engine.Run(new float[engine.WindowLength * engine.StepLength], 1, new float[engine.OutputLength], new float[engine.WindowLength]);
        }
        catch (InferenceException e)
        {
            throw new ModelLoadException($"{engine.Info.Name}: the model loaded but its warm-up inference failed: {e.Message}", e);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        CompositionLog.Warm(logger, engine.Info.Name, elapsed.TotalMilliseconds);
        return elapsed;
    }
}
