using System.Threading.Channels;
using EdgeStream.Core.Buffers;
using EdgeStream.Core.Configuration;
using EdgeStream.Core.Models;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// One engine and the streams that share it: their window channel (bounded, DropOldest, drops counted
/// per stream), the window buffer pool and, for split models, the frame encoder. Engine calls are
/// serialised on <see cref="Gate"/> because the step stage encodes while the inference stage runs heads
/// and <see cref="IInferenceEngine"/> is not thread-safe.
/// </summary>
internal sealed class EngineGroup
{
    public EngineGroup(IInferenceEngine engine, int windowBufferLength, PipelineOptions options)
    {
        Engine = engine;
        Lossless = options.Lossless;
        Name = engine.Info.Name;
        WindowPool = new BufferPool(windowBufferLength, Math.Max(16, options.WindowQueue * 2));
        Windows = Channel.CreateBounded<WindowItem>(
            new BoundedChannelOptions(Math.Max(1, options.WindowQueue))
            {
                FullMode = options.Lossless ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            },
            OnWindowDropped);
    }

    public IInferenceEngine Engine { get; }

    /// <summary>Writers wait for room instead of dropping (replay).</summary>
    public bool Lossless { get; }

    public string Name { get; }

    public object Gate { get; } = new();

    public List<StreamRuntime> Streams { get; } = [];

    public BufferPool WindowPool { get; }

    public Channel<WindowItem> Windows { get; }

    /// <summary>Set for split models (the engine encodes frames); null otherwise.</summary>
    public FrameEncoder? Encoder { get; set; }

    private static void OnWindowDropped(WindowItem item)
    {
        if (item.IsEnd)
        {
            // Everything of this stream that was queued before its end marker is older and already gone.
            item.Stream.FinishRequested = true;
            return;
        }

        item.Release();
        Interlocked.Increment(ref item.Stream.Counters.WindowsDropped);
    }
}
