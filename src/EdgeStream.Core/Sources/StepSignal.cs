using System.Threading.Channels;

namespace EdgeStream.Core.Sources;

/// <summary>
/// Wakes the one stage that reads every stream's steps: a single-slot channel, so a wake never blocks or
/// allocates and many wakes before the stage looks coalesce into one.
/// </summary>
internal sealed class StepSignal
{
    private readonly Channel<byte> _channel = Channel.CreateBounded<byte>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<byte> Reader => _channel.Reader;

    /// <summary>A step was written or a stream ended.</summary>
    public void Ring() => _channel.Writer.TryWrite(0);

    /// <summary>Every source ended (or the drain was abandoned): the reader drains and ends.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
