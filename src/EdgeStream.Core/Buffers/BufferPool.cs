using System.Collections.Concurrent;

namespace EdgeStream.Core.Buffers;

/// <summary>
/// A pool of float buffers of one exact length. The stage that rents a buffer hands it on with the item;
/// the stage that finishes with it returns it. ArrayPool is not used because it rounds lengths up to
/// powers of two and the tensors here have fixed, known sizes.
/// </summary>
public sealed class BufferPool
{
    private readonly ConcurrentBag<float[]> _free = new();
    private readonly int _maxRetained;
    private int _retained;
    private long _created;

    public BufferPool(int length, int maxRetained = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxRetained);
        Length = length;
        _maxRetained = maxRetained;
    }

    /// <summary>Length of every buffer this pool hands out.</summary>
    public int Length { get; }

    /// <summary>Buffers allocated since creation; flat in steady state.</summary>
    public long Created => Interlocked.Read(ref _created);

    public float[] Rent()
    {
        if (_free.TryTake(out var buffer))
        {
            Interlocked.Decrement(ref _retained);
            return buffer;
        }

        Interlocked.Increment(ref _created);
        return new float[Length];
    }

    public void Return(float[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length != Length)
        {
            throw new ArgumentException($"Buffer of length {buffer.Length} returned to a pool of length {Length}.", nameof(buffer));
        }

        if (Interlocked.Increment(ref _retained) <= _maxRetained)
        {
            _free.Add(buffer);
        }
        else
        {
            Interlocked.Decrement(ref _retained);
        }
    }
}
