using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Tests.Pipeline.Batching;

/// <summary>
/// An action engine that records, per call, which stream each window of the batch came from: the streams' frames carry
/// their stream tag as value 1 (<see cref="Support.TestStep.Frames"/> salience). Outputs are uniform (no events).
/// </summary>
internal sealed class TagRecordingEngine : IInferenceEngine, IInputStaging
{
    private readonly List<int[]> _batches = [];
    private readonly float[] _staging;

    /// <param name="staged">Expose an input staging buffer (<see cref="IInputStaging"/>), like the GPU engine's pinned memory.</param>
    public TagRecordingEngine(ModelManifest manifest, int maxBatch, bool staged = false)
    {
        Manifest = manifest;
        MaxBatch = maxBatch;
        FrameLength = manifest.Input.Channels!.Value * manifest.Input.Height!.Value * manifest.Input.Width!.Value;
        StepLength = FrameLength;
        WindowLength = manifest.Input.Frames!.Value;
        OutputLength = manifest.Labels.Count;
        Info = new EngineInfo(manifest.Name, manifest.Version, "abc123", "fp32", "fake", "fused");
        _staging = staged ? new float[maxBatch * WindowLength * StepLength] : [];
    }

    public Memory<float> InputBuffer => _staging;

    /// <summary>Calls whose windows were not read from <see cref="InputBuffer"/> (the caller copied elsewhere).</summary>
    public int CallsNotFromStaging { get; private set; }

    public ModelManifest Manifest { get; }

    public EngineInfo Info { get; }

    public bool EncodesFrames => false;

    public int FrameLength { get; }

    public int StepLength { get; }

    public int WindowLength { get; }

    public int OutputLength { get; }

    public int MaxBatch { get; }

    /// <summary>When set, <see cref="Run"/> waits for it (windows queue up meanwhile).</summary>
    public ManualResetEventSlim? RunGate { get; init; }

    /// <summary>The stream tags of each call's windows, in call order.</summary>
    public IReadOnlyList<int[]> Batches
    {
        get
        {
            lock (_batches)
            {
                return [.. _batches];
            }
        }
    }

    public void Encode(ReadOnlySpan<float> frames, int count, Span<float> features) => EngineCalls.CheckEncode(this, frames.Length, count, features.Length);

    public void Run(ReadOnlySpan<float> windows, int batch, Span<float> outputs, Span<float> attention)
    {
        EngineCalls.CheckRun(this, windows.Length, batch, outputs.Length, attention.Length);
        RunGate?.Wait(TimeSpan.FromSeconds(60));
        if (!System.Runtime.CompilerServices.Unsafe.AreSame(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(windows), ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(_staging)))
        {
            CallsNotFromStaging++;
        }

        var tags = new int[batch];
        for (var b = 0; b < batch; b++)
        {
            tags[b] = (int)windows[(b * WindowLength * StepLength) + 1];
        }

        lock (_batches)
        {
            _batches.Add(tags);
        }

        outputs[..(batch * OutputLength)].Clear();
        attention[..(batch * WindowLength)].Fill(1f / WindowLength);
    }

    public void Dispose()
    {
    }
}
