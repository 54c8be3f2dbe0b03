using EdgeStream.Core.Models;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Inference;

/// <summary>
/// One engine and the streams that share it: the outlet their windows arrive on and each stream's inference
/// state, in the outlet's slot order. Engine calls are serialised on <see cref="Gate"/> because the window
/// stage encodes frames on the same engine while the inference stage runs heads, and
/// <see cref="IInferenceEngine"/> is not thread-safe.
/// </summary>
internal sealed class EngineGroup
{
    public EngineGroup(IInferenceEngine engine, Lock gate, WindowOutlet outlet)
    {
        Engine = engine;
        Gate = gate;
        Outlet = outlet;
    }

    public IInferenceEngine Engine { get; }

    public Lock Gate { get; }

    public WindowOutlet Outlet { get; }

    public string Name => Engine.Info.Name;

    /// <summary>Per stream, indexed by <see cref="WindowStream.Slot"/>.</summary>
    public List<InferenceStream> Streams { get; } = [];
}
