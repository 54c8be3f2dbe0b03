using EdgeStream.Onnx.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Sessions;

/// <summary>
/// One ONNX Runtime session with one input and its outputs bound to pinned, preallocated host buffers. For each batch
/// size used, an <see cref="OrtIoBinding"/> over tensors of that size is created once and cached, and a call is
/// copy in, <see cref="InferenceSession.RunWithBinding"/>, copy out: nothing is allocated per call.
/// (<c>InferenceSession.Run</c> with preallocated OrtValues allocates its name and handle arrays on every call.)
/// Not thread-safe, like the engine that owns it.
/// </summary>
internal sealed class BoundSession : IBoundSession
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly PinnedBuffer _input;
    private readonly PinnedBuffer[] _outputs;
    private readonly Binding?[] _bindings;

    public BoundSession(InferenceSession session, string file, TensorSpec input, IReadOnlyList<TensorSpec> outputs, int maxBatch)
    {
        _session = session;
        File = file;
        MaxBatch = maxBatch;
        _input = new PinnedBuffer(input, maxBatch);
        _outputs = outputs.Select(o => new PinnedBuffer(o, maxBatch)).ToArray();
        _bindings = new Binding?[maxBatch + 1];
    }

    public string File { get; }

    public int MaxBatch { get; }

    public InferenceSession Session => _session;

    /// <summary>Empty: the CPU path copies the caller's buffer into its pinned tensors (a copy the CPU run dwarfs).</summary>
    public Memory<float> InputBuffer => Memory<float>.Empty;

    /// <summary>Runs <paramref name="batch"/> items: <paramref name="input"/> holds batch x input item length floats.</summary>
    public void Run(ReadOnlySpan<float> input, int batch)
    {
        _input.Write(input[..(batch * _input.Spec.ItemLength)]);
        var binding = _bindings[batch] ??= Bind(batch);
        _session.RunWithBinding(_runOptions, binding.IoBinding);
    }

    /// <summary>Copies output <paramref name="index"/> of the last run (batch x item length floats) into <paramref name="destination"/>.</summary>
    public void ReadOutput(int index, int batch, Span<float> destination) =>
        _outputs[index].Read(destination[..(batch * _outputs[index].Spec.ItemLength)]);

    private Binding Bind(int batch)
    {
        var values = new List<OrtValue>(1 + _outputs.Length);
        var io = _session.CreateIoBinding();
        try
        {
            var input = _input.CreateValue(batch);
            values.Add(input);
            io.BindInput(_input.Spec.Name, input);
            foreach (var output in _outputs)
            {
                var value = output.CreateValue(batch);
                values.Add(value);
                io.BindOutput(output.Spec.Name, value);
            }

            return new Binding(io, values);
        }
        catch
        {
            io.Dispose();
            values.ForEach(v => v.Dispose());
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var b in _bindings)
        {
            b?.Dispose();
        }

        _runOptions.Dispose();
        _session.Dispose();
    }

    private sealed record Binding(OrtIoBinding IoBinding, List<OrtValue> Values) : IDisposable
    {
        public void Dispose()
        {
            IoBinding.Dispose();
            Values.ForEach(v => v.Dispose());
        }
    }
}
