namespace EdgeStream.Core.Buffers;

/// <summary>
/// The step buffers a writer has rented out and not yet got back: the ownership rule of
/// <see cref="Sources.IStepWriter"/> (a rented buffer is handed on with Write or back with GiveBack, exactly once)
/// enforced in one place, for the pipeline's writer and every test double. A source that writes a buffer twice
/// would otherwise corrupt a window silently (the same array would sit twice in the ring); it fails loudly here.
/// One dictionary operation per step: negligible next to decoding a frame or parsing a sample.
/// </summary>
public sealed class BufferLedger
{
    private readonly HashSet<float[]> _out = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();

    /// <summary>Buffers rented and not yet handed on or back.</summary>
    public int Outstanding
    {
        get
        {
            lock (_gate)
            {
                return _out.Count;
            }
        }
    }

    /// <summary>Rents a buffer from <paramref name="pool"/> and records it as out.</summary>
    public float[] RentFrom(BufferPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var buffer = pool.Rent();
        Rented(buffer);
        return buffer;
    }

    /// <summary>Checks and records a buffer given back unwritten, and returns it to <paramref name="pool"/>.</summary>
    public void GiveBackTo(BufferPool pool, float[] buffer, string streamId)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Returned(buffer, pool.Length, "given back", streamId);
        pool.Return(buffer);
    }

    /// <summary>Checks and records a buffer handed on with a write (whoever consumes it returns it to its pool).</summary>
    public void HandedOn(float[] buffer, int length, string streamId) => Returned(buffer, length, "written", streamId);

    /// <summary>Records that <paramref name="buffer"/> was rented out.</summary>
    public void Rented(float[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        lock (_gate)
        {
            _out.Add(buffer);
        }
    }

    /// <summary>
    /// Records that <paramref name="buffer"/> came back (written or given back); throws <see cref="ArgumentException"/>
    /// for a buffer of the wrong size and <see cref="InvalidOperationException"/> for one that was not out.
    /// </summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="length">The step length every buffer of this writer has.</param>
    /// <param name="how">"written" or "given back", for the message.</param>
    /// <param name="streamId">The stream, for the message.</param>
    private void Returned(float[] buffer, int length, string how, string streamId)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.Length != length)
        {
            throw new ArgumentException($"Stream '{streamId}': a step has {length} floats, the buffer {buffer.Length}; rent buffers from the writer.", nameof(buffer));
        }

        bool wasOut;
        lock (_gate)
        {
            wasOut = _out.Remove(buffer);
        }

        if (!wasOut)
        {
            throw new InvalidOperationException(
                $"Stream '{streamId}': a step buffer was {how} that is not rented from this writer (written or given back twice, or rented elsewhere); a rented buffer is handed on exactly once.");
        }
    }
}
