namespace EdgeStream.Onnx.Sessions;

/// <summary>
/// One model file with its input and outputs bound once: host memory (<see cref="BoundSession"/>, CPU) or device memory
/// with CUDA graphs (<see cref="DeviceBoundSession"/>). <see cref="OnnxEngine"/> runs either. Not thread-safe.
/// </summary>
internal interface IBoundSession : IDisposable
{
    string File { get; }

    /// <summary>Largest batch one <see cref="Run"/> takes.</summary>
    int MaxBatch { get; }

    /// <summary>Host input memory the caller may fill directly (float32 inputs only; empty otherwise).</summary>
    Memory<float> InputBuffer { get; }

    /// <summary>Runs <paramref name="batch"/> items: <paramref name="input"/> holds batch x input item length floats.</summary>
    void Run(ReadOnlySpan<float> input, int batch);

    /// <summary>Copies output <paramref name="index"/> of the last run (batch x item length floats) into <paramref name="destination"/>.</summary>
    void ReadOutput(int index, int batch, Span<float> destination);
}
