using System.Threading.Channels;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Inference;

/// <summary>
/// Decides which windows of the streams sharing an engine go into the next batch: reads the window channel
/// into per-stream FIFOs (<see cref="PendingWindows"/>), says whether waiting could still fill the batch, and
/// takes windows round-robin across streams from a rotating start (one per stream per round, so no stream
/// is starved) into the engine's input buffer. End markers stay queued behind a stream's windows.
/// Preallocated; owned by one inference stage.
/// </summary>
internal sealed class BatchScheduler
{
    private readonly PendingWindows[] _pending;
    private readonly WindowItem[] _batch;
    private readonly bool _lossless;
    private int _total;
    private int _rotation;

    /// <param name="streams">Streams sharing the engine (slots 0..streams-1).</param>
    /// <param name="windowQueue">The window channel's size; split evenly into per-stream caps (at least 2).</param>
    /// <param name="maxBatch">Largest batch the engine takes.</param>
    /// <param name="lossless">Never drop: a stream whose FIFO is full leaves its windows in the channel.</param>
    public BatchScheduler(int streams, int windowQueue, int maxBatch, bool lossless)
    {
        var perStream = Math.Max(2, (windowQueue + streams - 1) / streams);
        _pending = new PendingWindows[streams];
        for (var i = 0; i < streams; i++)
        {
            _pending[i] = new PendingWindows(perStream);
        }

        _batch = new WindowItem[Math.Max(1, maxBatch)];
        _lossless = lossless;
    }

    /// <summary>Windows and end markers read and not yet taken.</summary>
    public int Pending => _total;

    public int MaxBatch => _batch.Length;

    /// <summary>Reads what the channel holds into the per-stream FIFOs (lossless: stops at a full FIFO).</summary>
    public void Gather(ChannelReader<WindowItem> reader)
    {
        while (reader.TryPeek(out var item))
        {
            var pending = _pending[item.Stream.Slot];
            if (_lossless && pending.IsFull)
            {
                // Lossless: leave it queued (its writer waits) until this stream's pending windows are batched.
                return;
            }

            reader.TryRead(out item);
            var before = pending.Count;
            pending.Enqueue(item);
            _total += pending.Count - before;
        }
    }

    /// <summary>Waiting could still grow the batch: the engine is shared and some live stream has nothing pending.</summary>
    public bool CouldGrow(List<InferenceStream> streams)
    {
        if (_pending.Length < 2 || _total >= _batch.Length)
        {
            return false;
        }

        foreach (var stream in streams)
        {
            // A stream that ended sends nothing more: waiting for it would only add latency.
            if (_pending[stream.Window.Slot].Count == 0 && !stream.Finished)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Takes the next batch, copying each window's input into <paramref name="input"/>; the items stay valid until the next call.</summary>
    public Span<WindowItem> Take(Span<float> input, int windowFloats)
    {
        var count = 0;
        var streams = _pending.Length;
        var took = true;
        while (count < _batch.Length && took)
        {
            took = false;
            for (var k = 0; k < streams && count < _batch.Length; k++)
            {
                var pending = _pending[(_rotation + k) % streams];
                if (pending.Count > 0 && !pending.HeadIsEnd)
                {
                    var item = pending.Dequeue();
                    _total--;
                    item.Data.AsSpan(0, windowFloats).CopyTo(input.Slice(count * windowFloats, windowFloats));
                    _batch[count++] = item;
                    took = true;
                }
            }
        }

        _rotation = (_rotation + 1) % streams;
        return _batch.AsSpan(0, count);
    }

    /// <summary>The next item of <paramref name="slot"/> is its end marker.</summary>
    public bool EndIsNext(int slot) => _pending[slot].HeadIsEnd;

    /// <summary>Windows of <paramref name="slot"/> still pending.</summary>
    public int CountOf(int slot) => _pending[slot].Count;

    /// <summary>Removes the end marker of <paramref name="slot"/> when it is next; true if it was.</summary>
    public bool TakeEnd(int slot)
    {
        if (!_pending[slot].HeadIsEnd)
        {
            return false;
        }

        _pending[slot].Dequeue();
        _total--;
        return true;
    }
}
