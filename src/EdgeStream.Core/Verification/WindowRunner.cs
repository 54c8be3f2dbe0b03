using EdgeStream.Core.Models;

namespace EdgeStream.Core.Verification;

/// <summary>
/// Runs whole windows of source steps through an engine the way the pipeline does: split engines encode every frame
/// (once) and run the head on the features; fused engines take the frames directly.
/// </summary>
public sealed class WindowRunner
{
    private readonly IInferenceEngine _engine;
    private readonly float[] _features;

    public WindowRunner(IInferenceEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _features = engine.EncodesFrames ? new float[engine.MaxBatch * engine.WindowLength * engine.StepLength] : [];
    }

    /// <summary><paramref name="steps"/>: [batch, WindowLength, FrameLength]; outputs [batch, OutputLength]; attention [batch, WindowLength].</summary>
    public void Run(ReadOnlySpan<float> steps, int batch, Span<float> outputs, Span<float> attention)
    {
        if (!_engine.EncodesFrames)
        {
            _engine.Run(steps, batch, outputs, attention);
            return;
        }

        var frames = batch * _engine.WindowLength;
        var features = _features.AsSpan(0, frames * _engine.StepLength);
        _engine.Encode(steps[..(frames * _engine.FrameLength)], frames, features);
        _engine.Run(features, batch, outputs, attention);
    }
}
