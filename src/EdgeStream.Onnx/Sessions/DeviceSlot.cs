using System.Globalization;
using EdgeStream.Onnx.Cuda;
using Microsoft.ML.OnnxRuntime;

namespace EdgeStream.Onnx.Sessions;

/// <summary>
/// One captured batch size: device buffers for the input and every output (allocated once, addresses fixed for the
/// graph), the tensors over them, one <see cref="OrtIoBinding"/> bound once, and run options that select this size's
/// graph (<c>gpu_graph_id</c>).
/// </summary>
internal sealed class DeviceSlot : IDisposable
{
    private readonly ICudaRuntime _cuda;
    private readonly List<OrtValue> _values = [];
    private readonly List<IntPtr> _device = [];

    public DeviceSlot(InferenceSession session, DeviceIo io, int size, HostStaging input, IReadOnlyList<HostStaging> outputs)
    {
        _cuda = io.Cuda;
        Size = size;
        Binding = session.CreateIoBinding();
        RunOptions = new RunOptions();
        try
        {
            if (io.CudaGraphs)
            {
                RunOptions.AddRunConfigEntry("gpu_graph_id", size.ToString(CultureInfo.InvariantCulture));
            }

            Input = Bind(io, input, size, output: false);
            Outputs = outputs.Select(o => Bind(io, o, size, output: true)).ToArray();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Size { get; }

    public OrtIoBinding Binding { get; }

    public RunOptions RunOptions { get; }

    /// <summary>Device address of the input tensor.</summary>
    public IntPtr Input { get; }

    /// <summary>Device addresses of the outputs, in the manifest's order.</summary>
    public IReadOnlyList<IntPtr> Outputs { get; } = [];

    private IntPtr Bind(DeviceIo io, HostStaging host, int size, bool output)
    {
        var bytes = host.BytesOf(size);
        var pointer = io.Cuda.AllocDevice(bytes);
        _device.Add(pointer);
        if (!output)
        {
            // Padding rows are read by the graph: start them as zeros (the host staging is zeroed), never as garbage.
            io.CopyIn(pointer, host.Pointer, bytes);
        }

        var shape = host.Spec.Dims.Select((d, i) => i == 0 ? (long)size : d).ToArray();
        var value = OrtValue.CreateTensorValueWithData(io.Memory, host.Spec.ElementType, shape, pointer, bytes);
        _values.Add(value);
        if (output)
        {
            Binding.BindOutput(host.Spec.Name, value);
        }
        else
        {
            Binding.BindInput(host.Spec.Name, value);
        }

        return pointer;
    }

    public void Dispose()
    {
        Binding.Dispose();
        RunOptions.Dispose();
        _values.ForEach(v => v.Dispose());
        _values.Clear();
        _device.ForEach(_cuda.FreeDevice);
        _device.Clear();
    }
}
