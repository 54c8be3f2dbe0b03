using System.Threading.Channels;
using EdgeStream.Core.Buffers;

namespace EdgeStream.Core.Windows;

/// <summary>
/// Where the window stage puts the windows of the streams that share one engine: a bounded channel
/// (DropOldest, drops counted per stream; Wait when lossless), the pool of window buffers and, for split
/// models, the frame encoder. The inference stage of that engine is the channel's only reader.
/// </summary>
internal sealed class WindowOutlet
{
    private readonly Channel<WindowItem> _windows;

    public WindowOutlet(int windowBufferLength, int queue, bool lossless, FrameEncoder? encoder)
    {
        Lossless = lossless;
        Encoder = encoder;
        Capacity = Math.Max(1, queue);
        Pool = new BufferPool(windowBufferLength, Math.Max(16, queue * 2));
        _windows = Channel.CreateBounded<WindowItem>(
            new BoundedChannelOptions(Capacity)
            {
                FullMode = lossless ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            },
            OnWindowDropped);
    }

    /// <summary>Windows the channel holds before it drops (or, lossless, waits).</summary>
    public int Capacity { get; }

    /// <summary>Writers wait for room instead of dropping (replay).</summary>
    public bool Lossless { get; }

    /// <summary>Encodes frames into features before the rings (split models); null otherwise.</summary>
    public FrameEncoder? Encoder { get; }

    public BufferPool Pool { get; }

    /// <summary>The streams writing here, in slot order (<see cref="WindowStream.Slot"/>).</summary>
    public List<WindowStream> Streams { get; } = [];

    public ChannelWriter<WindowItem> Writer => _windows.Writer;

    public ChannelReader<WindowItem> Reader => _windows.Reader;

    private static void OnWindowDropped(WindowItem item)
    {
        if (item.IsEnd)
        {
            // Everything of this stream that was queued before its end marker is older and already gone.
            item.Stream.EndDropped = true;
            return;
        }

        item.Release();
        Interlocked.Increment(ref item.Stream.Counters.WindowsDropped);
    }
}
