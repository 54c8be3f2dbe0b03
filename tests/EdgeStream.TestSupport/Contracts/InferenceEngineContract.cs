using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using Xunit;

namespace EdgeStream.TestSupport.Contracts;

/// <summary>
/// What every <see cref="IInferenceEngine"/> promises, run by the ONNX engine (per model and layout) and each test
/// double: shapes that follow the manifest; a run fills exactly the batch's outputs and attention (a softmax over
/// the window), is deterministic, and treats the windows of a batch independently; argument mistakes are refused the
/// same way by every engine (<see cref="EngineCalls"/>); <c>Encode</c> works for split models and only for them.
/// </summary>
public abstract class InferenceEngineContract
{
    /// <summary>A fresh engine; disposed by the test.</summary>
    protected abstract IInferenceEngine Create();

    /// <summary>How far a window's outputs may move between a batch of one and a larger batch (kernels differ per batch).</summary>
    protected virtual float BatchTolerance => 1e-4f;

    /// <summary>Input values for a window or frame; uniform in [0, 1) by default.</summary>
    protected virtual float[] Input(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        return values;
    }

    [Fact]
    public void Shapes_FollowTheManifest()
    {
        using var engine = Create();
        var input = engine.Manifest.Input;
        var anomaly = engine.Manifest.Task == ModelTask.Anomaly;

        Assert.Equal(anomaly ? input.Window : input.Frames, engine.WindowLength);
        Assert.Equal(anomaly ? input.Channels : input.Channels * input.Height * input.Width, engine.FrameLength);
        Assert.Equal(anomaly ? input.Channels!.Value : engine.Manifest.Labels.Count, engine.OutputLength);
        Assert.Equal(engine.EncodesFrames ? engine.Manifest.FeatureSize ?? engine.StepLength : engine.FrameLength, engine.StepLength);
        Assert.True(engine.MaxBatch >= 1, $"MaxBatch {engine.MaxBatch}");
        Assert.False(string.IsNullOrEmpty(engine.Info.Provider), "Info.Provider is empty");
    }

    [Fact]
    public void Run_FillsTheBatchsOutputsAndAttention_AndNothingBeyond()
    {
        using var engine = Create();
        var batch = Math.Min(2, engine.MaxBatch);
        var outputs = new float[(batch + 1) * engine.OutputLength];
        var attention = new float[(batch + 1) * engine.WindowLength];
        Array.Fill(outputs, float.NaN);
        Array.Fill(attention, float.NaN);

        engine.Run(Windows(engine, batch, 1), batch, outputs, attention);

        Assert.All(outputs[..(batch * engine.OutputLength)], v => Assert.True(float.IsFinite(v), $"output {v}"));
        Assert.All(outputs[(batch * engine.OutputLength)..], v => Assert.True(float.IsNaN(v), "an output beyond the batch was written"));
        Assert.All(attention[(batch * engine.WindowLength)..], v => Assert.True(float.IsNaN(v), "attention beyond the batch was written"));
        for (var b = 0; b < batch; b++)
        {
            var row = attention.AsSpan(b * engine.WindowLength, engine.WindowLength).ToArray();
            Assert.All(row, w => Assert.True(w >= 0 && w <= 1, $"attention weight {w}"));
            Assert.InRange(row.Sum(), 0.999f, 1.001f);
        }
    }

    [Fact]
    public void Run_IsDeterministic_AndWindowsOfABatchAreIndependent()
    {
        using var engine = Create();
        var batch = Math.Min(3, engine.MaxBatch);
        var windows = Windows(engine, batch, 7);
        var together = Run(engine, windows, batch);
        var again = Run(engine, windows, batch);

        Assert.Equal(together, again);
        var windowFloats = engine.WindowLength * engine.StepLength;
        for (var b = 0; b < batch; b++)
        {
            var alone = Run(engine, windows.AsSpan(b * windowFloats, windowFloats).ToArray(), 1);
            for (var k = 0; k < engine.OutputLength; k++)
            {
                var inBatch = together[(b * engine.OutputLength) + k];
                Assert.True(Math.Abs(inBatch - alone[k]) <= BatchTolerance * Math.Max(1, Math.Abs(alone[k])), $"window {b} output {k}: {inBatch} in a batch of {batch}, {alone[k]} alone");
            }
        }
    }

    [Fact]
    public void Run_RefusesABatchOutsideOneToMaxBatch_AndSpansTooShort()
    {
        using var engine = Create();
        var outputs = new float[(engine.MaxBatch + 1) * engine.OutputLength];
        var attention = new float[(engine.MaxBatch + 1) * engine.WindowLength];
        var windows = new float[(engine.MaxBatch + 1) * engine.WindowLength * engine.StepLength];

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Run(windows, 0, outputs, attention));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Run(windows, engine.MaxBatch + 1, outputs, attention));
        Assert.Throws<ArgumentException>(() => engine.Run(windows.AsSpan(1, (engine.WindowLength * engine.StepLength) - 1), 1, outputs, attention));
        Assert.Throws<ArgumentException>(() => engine.Run(windows, 1, outputs.AsSpan(0, engine.OutputLength - 1), attention));
        Assert.Throws<ArgumentException>(() => engine.Run(windows, 1, outputs, attention.AsSpan(0, engine.WindowLength - 1)));
    }

    [Fact]
    public void Encode_WorksForSplitModelsOnly_OneFrameAtATimeOrSeveral()
    {
        using var engine = Create();
        if (!engine.EncodesFrames)
        {
            Assert.Throws<InvalidOperationException>(() => engine.Encode(new float[engine.FrameLength], 1, new float[engine.StepLength]));
            return;
        }

        var frames = Input(2 * engine.FrameLength, 3);
        var both = new float[2 * engine.StepLength];
        engine.Encode(frames, 2, both);
        var second = new float[engine.StepLength];
        engine.Encode(frames.AsSpan(engine.FrameLength), 1, second);

        Assert.All(both, v => Assert.True(float.IsFinite(v), $"feature {v}"));
        for (var i = 0; i < engine.StepLength; i++)
        {
            Assert.True(Math.Abs(both[engine.StepLength + i] - second[i]) <= BatchTolerance * Math.Max(1, Math.Abs(second[i])), $"feature {i}: {both[engine.StepLength + i]} encoded with another frame, {second[i]} alone");
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Encode(frames, 0, both));
        Assert.Throws<ArgumentException>(() => engine.Encode(frames, 2, both.AsSpan(0, engine.StepLength)));
    }

    private float[] Windows(IInferenceEngine engine, int batch, int seed) => Input(batch * engine.WindowLength * engine.StepLength, seed);

    private static float[] Run(IInferenceEngine engine, float[] windows, int batch)
    {
        var outputs = new float[batch * engine.OutputLength];
        engine.Run(windows, batch, outputs, new float[batch * engine.WindowLength]);
        return outputs;
    }
}
