using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Inference;

/// <summary>
/// A stream's windows read from the window channel but not yet batched: a small FIFO with a per-stream
/// cap. A stream that produces faster than the engine keeps only its newest windows (its own oldest is
/// dropped and counted), so it cannot push other streams' windows out. Preallocated; not thread-safe.
/// </summary>
internal sealed class PendingWindows
{
    private readonly WindowItem[] _items;
    private int _head;

    public PendingWindows(int capacity) => _items = new WindowItem[Math.Max(1, capacity)];

    public int Count { get; private set; }

    public bool IsFull => Count == _items.Length;

    public bool HeadIsEnd => Count > 0 && _items[_head].IsEnd;

    public void Enqueue(in WindowItem item)
    {
        if (Count == _items.Length)
        {
            var dropped = Dequeue();
            dropped.Release();
            Interlocked.Increment(ref dropped.Stream.Counters.WindowsDropped);
        }

        _items[(_head + Count) % _items.Length] = item;
        Count++;
    }

    public WindowItem Dequeue()
    {
        var item = _items[_head];
        _items[_head] = default;
        _head = (_head + 1) % _items.Length;
        Count--;
        return item;
    }
}
