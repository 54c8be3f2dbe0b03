using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Tests.Support;

/// <summary>
/// A deterministic engine (Core has no ONNX Runtime; the real engine is tested in the Onnx project).
/// Action: a frame's first value is its label; logits = 4 x (frames with that label) / T, so a window whose
/// frames all show label k gives p(k) ~ 0.95; attention is one-hot at the frame with the largest second value.
/// Split layout: Encode keeps a frame's first two values as its features.
/// Anomaly: a persistence forecaster (forecast = the window's last row).
/// </summary>
internal sealed class FakeEngine : IInferenceEngine
{
    private int _maxBatchSeen;
    private int _windowsRun;

    public FakeEngine(ModelManifest manifest, bool split = false, int maxBatch = 8)
    {
        Manifest = manifest;
        EncodesFrames = split;
        MaxBatch = maxBatch;
        var anomaly = manifest.Task == ModelTask.Anomaly;
        FrameLength = anomaly ? manifest.Input.Channels!.Value : manifest.Input.Channels!.Value * manifest.Input.Height!.Value * manifest.Input.Width!.Value;
        StepLength = split ? 2 : FrameLength;
        WindowLength = anomaly ? manifest.Input.Window!.Value : manifest.Input.Frames!.Value;
        OutputLength = anomaly ? FrameLength : manifest.Labels.Count;
        Info = new EngineInfo(manifest.Name, manifest.Version, "abc123", "fp32", "fake", split ? "split" : "fused");
    }

    public ModelManifest Manifest { get; }

    public EngineInfo Info { get; }

    public bool EncodesFrames { get; }

    public int FrameLength { get; }

    public int StepLength { get; }

    public int WindowLength { get; }

    public int OutputLength { get; }

    public int MaxBatch { get; }

    /// <summary>When set, <see cref="Run"/> waits for it (simulates a slow model).</summary>
    public ManualResetEventSlim? RunGate { get; set; }

    /// <summary>When set, <see cref="Encode"/> waits for it (simulates a slow encoder, so steps queue).</summary>
    public ManualResetEventSlim? EncodeGate { get; set; }

    /// <summary>Throws on the Nth call of <see cref="Run"/> (1-based); 0: never.</summary>
    public int FailOnRun { get; set; }

    public int RunCalls { get; private set; }

    public int EncodedFrames { get; private set; }

    /// <summary>The largest batch one <see cref="Run"/> call got.</summary>
    public int MaxBatchSeen => Volatile.Read(ref _maxBatchSeen);

    /// <summary>Windows run in all calls together.</summary>
    public int WindowsRun => Volatile.Read(ref _windowsRun);

    public void Encode(ReadOnlySpan<float> frames, int count, Span<float> features)
    {
        EngineCalls.CheckEncode(this, frames.Length, count, features.Length);
        EncodeGate?.Wait(TimeSpan.FromSeconds(30));
        for (var i = 0; i < count; i++)
        {
            features[i * 2] = frames[i * FrameLength];
            features[(i * 2) + 1] = frames[(i * FrameLength) + 1];
        }

        EncodedFrames += count;
    }

    public void Run(ReadOnlySpan<float> windows, int batch, Span<float> outputs, Span<float> attention)
    {
        EngineCalls.CheckRun(this, windows.Length, batch, outputs.Length, attention.Length);
        RunGate?.Wait(TimeSpan.FromSeconds(30));
        RunCalls++;
        _maxBatchSeen = Math.Max(_maxBatchSeen, batch);
        Interlocked.Add(ref _windowsRun, batch);

        if (FailOnRun == RunCalls)
        {
            throw new InvalidOperationException("fake engine failure");
        }

        var windowFloats = WindowLength * StepLength;
        for (var b = 0; b < batch; b++)
        {
            var window = windows.Slice(b * windowFloats, windowFloats);
            var output = outputs.Slice(b * OutputLength, OutputLength);
            var att = attention.Slice(b * WindowLength, WindowLength);
            if (Manifest.Task == ModelTask.Anomaly)
            {
                window.Slice((WindowLength - 1) * StepLength, StepLength).CopyTo(output);
                att.Fill(1f / WindowLength);
                continue;
            }

            output.Clear();
            att.Clear();
            var best = 0;
            for (var t = 0; t < WindowLength; t++)
            {
                var label = (int)window[t * StepLength];
                output[label] += 4f / WindowLength;
                if (window[(t * StepLength) + 1] > window[(best * StepLength) + 1])
                {
                    best = t;
                }
            }

            att[best] = 1;
        }
    }

    public void Dispose()
    {
    }
}
