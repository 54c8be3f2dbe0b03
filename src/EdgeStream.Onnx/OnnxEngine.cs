using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx.Sessions;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx;

/// <summary>
/// <see cref="IInferenceEngine"/> on ONNX Runtime: a fused session (frames or sensor window -> outputs), or an
/// encoder (one frame -> features) and a head (T features -> logits, attention). Buffers are preallocated for
/// <see cref="MaxBatch"/>; calls copy into pinned memory, run a cached I/O binding and copy out, allocating nothing.
/// Created by <see cref="OnnxEngineFactory"/>. Not thread-safe: the inference stage owns it.
/// </summary>
public sealed class OnnxEngine : IInferenceEngine, IInputStaging
{
    private readonly IBoundSession? _encoder;
    private readonly IBoundSession _main;

    internal OnnxEngine(ModelManifest manifest, EngineInfo info, IBoundSession? encoder, IBoundSession main)
    {
        Manifest = manifest;
        Info = info;
        _encoder = encoder;
        _main = main;
        FrameLength = manifest.FrameLength();
        WindowLength = manifest.WindowLength();
        StepLength = encoder is null ? FrameLength : manifest.FeatureSize!.Value;
        OutputLength = manifest.OutputLength();
        MaxBatch = main.MaxBatch;
    }

    public ModelManifest Manifest { get; }

    public EngineInfo Info { get; }

    public bool EncodesFrames => _encoder is not null;

    public int FrameLength { get; }

    public int StepLength { get; }

    public int WindowLength { get; }

    public int OutputLength { get; }

    public int MaxBatch { get; }

    /// <summary>The head's (or fused model's) host input memory on the GPU path; empty on CPU and for float16 models.</summary>
    public Memory<float> InputBuffer => _main.InputBuffer;

    /// <summary>Frames the encoder takes per ONNX Runtime call; <see cref="Encode"/> splits larger counts.</summary>
    public int MaxEncodeBatch => _encoder?.MaxBatch ?? 0;

    public void Encode(ReadOnlySpan<float> frames, int count, Span<float> features)
    {
        EngineCalls.CheckEncode(this, frames.Length, count, features.Length);
        var encoder = _encoder!;
        for (var done = 0; done < count;)
        {
            var n = Math.Min(encoder.MaxBatch, count - done);
            Execute(encoder, frames.Slice(done * FrameLength, n * FrameLength), n);
            encoder.ReadOutput(0, n, features.Slice(done * StepLength, n * StepLength));
            done += n;
        }
    }

    public void Run(ReadOnlySpan<float> windows, int batch, Span<float> outputs, Span<float> attention)
    {
        EngineCalls.CheckRun(this, windows.Length, batch, outputs.Length, attention.Length);
        Execute(_main, windows, batch);
        _main.ReadOutput(0, batch, outputs);
        _main.ReadOutput(1, batch, attention);
    }

    public void Dispose()
    {
        _encoder?.Dispose();
        _main.Dispose();
    }

    private static void Execute(IBoundSession session, ReadOnlySpan<float> input, int batch)
    {
        try
        {
            session.Run(input, batch);
        }
        catch (OnnxRuntimeException ex)
        {
            throw OrtErrors.Run(ex, session.File, batch);
        }
        catch (Cuda.CudaException ex)
        {
            throw OrtErrors.Cuda(ex, session.File, batch);
        }
    }
}
