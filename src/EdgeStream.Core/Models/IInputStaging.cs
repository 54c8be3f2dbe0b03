namespace EdgeStream.Core.Models;

/// <summary>
/// Optional for an <see cref="IInferenceEngine"/>: the engine's own input memory (page-locked host memory that the GPU
/// copies from), so the caller assembles a batch of windows there and saves one copy of every window. Passing a span
/// that starts at <see cref="InputBuffer"/> to <see cref="IInferenceEngine.Run"/> skips the engine's input copy.
/// </summary>
public interface IInputStaging
{
    /// <summary>
    /// MaxBatch x WindowLength x StepLength floats, valid for the engine's life; empty when the engine converts its input
    /// on the way in (a float16 model): then pass any buffer to <see cref="IInferenceEngine.Run"/> as usual.
    /// </summary>
    Memory<float> InputBuffer { get; }
}
