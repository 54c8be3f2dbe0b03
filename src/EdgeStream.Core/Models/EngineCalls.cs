namespace EdgeStream.Core.Models;

/// <summary>
/// The argument rules of <see cref="IInferenceEngine.Run"/> and <see cref="IInferenceEngine.Encode"/>, in one place
/// for every engine (the ONNX engine and the test doubles), so a caller's mistake reads the same whichever runs.
/// </summary>
public static class EngineCalls
{
    /// <summary>Throws unless <paramref name="batch"/> is 1..MaxBatch and each span holds what that batch needs.</summary>
    public static void CheckRun(IInferenceEngine engine, int windows, int batch, int outputs, int attention)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (batch < 1 || batch > engine.MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"batch must be 1..{engine.MaxBatch} (MaxBatch).");
        }

        CheckLength(windows, batch * engine.WindowLength * engine.StepLength, nameof(windows));
        CheckLength(outputs, batch * engine.OutputLength, nameof(outputs));
        CheckLength(attention, batch * engine.WindowLength, nameof(attention));
    }

    /// <summary>Throws unless the engine encodes frames, <paramref name="count"/> is positive and each span holds that many.</summary>
    public static void CheckEncode(IInferenceEngine engine, int frames, int count, int features)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!engine.EncodesFrames)
        {
            throw new InvalidOperationException($"{engine.Manifest.Name} runs fused ({engine.Info.Layout}); windows hold frames, there is nothing to encode.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        CheckLength(frames, count * engine.FrameLength, nameof(frames));
        CheckLength(features, count * engine.StepLength, nameof(features));
    }

    private static void CheckLength(int actual, int required, string name)
    {
        if (actual < required)
        {
            throw new ArgumentException($"{name} holds {actual} floats; this call needs {required}.", name);
        }
    }
}
