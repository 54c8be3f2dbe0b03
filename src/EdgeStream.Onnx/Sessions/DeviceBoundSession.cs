using EdgeStream.Onnx.Cuda;
using EdgeStream.Onnx.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Sessions;

/// <summary>
/// A session on the CUDA (or TensorRT) provider with its I/O in device memory bound once per captured batch size
/// (<see cref="DeviceSlot"/>). A call: the window batch goes into page-locked host memory (converted to float16 there
/// for fp16 models; skipped when the caller assembled it there, <see cref="InputBuffer"/>), one <c>cudaMemcpy</c> in,
/// <see cref="InferenceSession.RunWithBinding"/> replaying the graph of the smallest captured size that fits (the rest is
/// padding), one <c>cudaMemcpy</c> out per output. Nothing is allocated per call. <see cref="Warmup"/> captures every
/// graph before the engine is handed out. Not thread-safe.
/// </summary>
internal sealed class DeviceBoundSession : IBoundSession
{
    private readonly InferenceSession _session;
    private readonly DeviceIo _io;
    private readonly HostStaging _input;
    private readonly HostStaging[] _outputs;
    private readonly DeviceSlot[] _slots;

    public DeviceBoundSession(InferenceSession session, string file, TensorSpec input, IReadOnlyList<TensorSpec> outputs, BatchSizes sizes, DeviceIo io)
    {
        _session = session;
        _io = io;
        File = file;
        Sizes = sizes;
        var made = new List<IDisposable>();
        try
        {
            io.Cuda.SetDevice(io.DeviceId);
            _input = Track(made, new HostStaging(io.Cuda, input, sizes.Max, io.PinnedHost));
            _outputs = outputs.Select(o => Track(made, new HostStaging(io.Cuda, o, sizes.Max, io.PinnedHost))).ToArray();
            _slots = sizes.Sizes.Select(s => Track(made, new DeviceSlot(session, io, s, _input, _outputs))).ToArray();
        }
        catch
        {
            made.ForEach(d => d.Dispose());
            throw;
        }
    }

    public string File { get; }

    public int MaxBatch => Sizes.Max;

    public BatchSizes Sizes { get; }

    public Memory<float> InputBuffer => _input.Floats;

    /// <summary>Device addresses bound for each captured size (tests check they never change).</summary>
    internal IReadOnlyList<DeviceSlot> Slots => _slots;

    /// <summary>Host staging addresses (tests check what is copied from where).</summary>
    internal IntPtr HostInput => _input.Pointer;

    internal IReadOnlyList<IntPtr> HostOutputs => _outputs.Select(o => o.Pointer).ToArray();

    public void Run(ReadOnlySpan<float> input, int batch)
    {
        var slot = _slots[Sizes.SlotFor(batch)];
        if (_io.DeviceId != 0)
        {
            // The current device is per thread and the inference stage may continue on any pool thread.
            _io.Cuda.SetDevice(_io.DeviceId);
        }

        _input.Write(input[..(batch * _input.Spec.ItemLength)]);
        _io.CopyIn(slot.Input, _input.Pointer, _input.BytesOf(batch));
        _session.RunWithBinding(slot.RunOptions, slot.Binding);
        for (var k = 0; k < _outputs.Length; k++)
        {
            _io.Cuda.CopyToHost(_outputs[k].Pointer, slot.Outputs[k], _outputs[k].BytesOf(batch));
        }
    }

    public void ReadOutput(int index, int batch, Span<float> destination) =>
        _outputs[index].Read(destination[..(batch * _outputs[index].Spec.ItemLength)]);

    /// <summary>Runs every captured size <see cref="DeviceIo.WarmupRuns"/> times on zeros: kernels load and graphs are captured now, not on the first window.</summary>
    public void Warmup()
    {
        foreach (var slot in _slots)
        {
            for (var i = 0; i < DeviceIo.WarmupRuns; i++)
            {
                _session.RunWithBinding(slot.RunOptions, slot.Binding);
            }
        }
    }

    public void Dispose()
    {
        ReleaseDevice();
        _session.Dispose();
    }

    /// <summary>Frees the bindings, device and host buffers but leaves the session to its owner (a failed warm-up).</summary>
    public void ReleaseDevice()
    {
        foreach (var slot in _slots)
        {
            slot.Dispose();
        }

        _input.Dispose();
        foreach (var o in _outputs)
        {
            o.Dispose();
        }
    }

    private static T Track<T>(List<IDisposable> made, T item)
        where T : IDisposable
    {
        made.Add(item);
        return item;
    }
}
