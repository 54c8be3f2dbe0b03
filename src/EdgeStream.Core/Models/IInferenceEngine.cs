using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Models;

/// <summary>
/// One loaded model variant. Shapes are fixed by the manifest; only the batch varies.
/// Implementations keep their own preallocated input/output tensors so a call allocates nothing.
/// Not thread-safe: the inference stage owns it.
/// </summary>
public interface IInferenceEngine : IDisposable
{
    ModelManifest Manifest { get; }

    /// <summary>Model name, version, sha256 of the file(s) run, precision and the provider actually used.</summary>
    EngineInfo Info { get; }

    /// <summary>True for split models: frames go through <see cref="Encode"/> one by one, windows hold features.</summary>
    bool EncodesFrames { get; }

    /// <summary>Floats per source step: C*H*W for video, channels for sensors.</summary>
    int FrameLength { get; }

    /// <summary>Floats per window step fed to <see cref="Run"/>: the feature size F for split models, else <see cref="FrameLength"/>.</summary>
    int StepLength { get; }

    /// <summary>Steps per window: T frames or W sensor samples.</summary>
    int WindowLength { get; }

    /// <summary>Floats per window of the primary output: K logits (action) or C forecast values (anomaly).</summary>
    int OutputLength { get; }

    /// <summary>Largest batch one call takes.</summary>
    int MaxBatch { get; }

    /// <summary>Split models: encodes <paramref name="count"/> frames [count, FrameLength] into features [count, StepLength].</summary>
    void Encode(ReadOnlySpan<float> frames, int count, Span<float> features);

    /// <summary>
    /// Runs <paramref name="batch"/> windows [batch, WindowLength, StepLength] into outputs
    /// [batch, OutputLength] and attention [batch, WindowLength].
    /// </summary>
    void Run(ReadOnlySpan<float> windows, int batch, Span<float> outputs, Span<float> attention);
}

public sealed record EngineInfo(string Name, string Version, string Sha256, string Precision, string Provider, string Layout);
