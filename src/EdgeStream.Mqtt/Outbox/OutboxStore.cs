using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>
/// The outbox file: events appended in order, read oldest first, deleted as a prefix once acknowledged. Every delete
/// removes a prefix (acknowledged, or dropped by a bound), so the rows are always the contiguous sequence
/// <c>first..last</c> and the count is known without a scan; start-up reads two index ends, whatever the backlog.
/// Thread-safe (one connection behind a lock; SQLite calls are short). A corrupt file is moved aside and replaced.
/// </summary>
public sealed partial class OutboxStore : IDisposable
{
    private readonly object _gate = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly FileStream _ownership;
    private readonly OutboxReserve _reserve;
    private SqliteConnection _db;
    private long _first;
    private long _last;
    private long _bytes;
    private bool _bytesKnown;
    private long _measureUpTo;
    private long _dropped;
    private bool _disposed;
    private bool _lowDisk;

    private OutboxStore(string path, OutboxBounds bounds, FileStream ownership, ILogger logger, TimeProvider time, long reserveBytes)
    {
        Path = path;
        Bounds = bounds;
        _ownership = ownership;
        _logger = logger;
        _time = time;
        _reserve = new OutboxReserve(path, reserveBytes, logger, time);
        _db = OpenWithReserve();
        _reserve.TryEnsure();
    }

    public string Path { get; }

    public OutboxBounds Bounds { get; }

    /// <summary>Events committed and not yet acknowledged (nor dropped).</summary>
    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _last - _first + 1;
            }
        }
    }

    /// <summary>Payload bytes held; -1 until <see cref="MeasureBacklog"/> summed a previous run's backlog.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytesKnown ? _bytes : -1;
            }
        }
    }

    /// <summary>Events dropped by the bounds since this store was opened.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Bumped when a corrupt file was replaced: acknowledgements for rows of an older generation are ignored.</summary>
    public int Generation { get; private set; }

    /// <summary>
    /// Opens (or creates) the outbox; one process per file (an advisory lock on <c>PATH.lock</c>, released by the kernel
    /// even on SIGKILL). Throws <see cref="OutboxException"/> when the file is in use or cannot be created.
    /// <paramref name="reserveBytes"/>: spare disk kept in <c>PATH.reserve</c> for deleting delivered events when the disk
    /// is full (<see cref="OutboxReserve"/>); 0 keeps none.
    /// </summary>
    public static OutboxStore Open(string path, OutboxBounds bounds, ILogger logger, TimeProvider? time = null, long reserveBytes = OutboxReserve.DefaultBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(logger);
        path = System.IO.Path.GetFullPath(path);
        var ownership = TakeOwnership(path);
        try
        {
            ArgumentOutOfRangeException.ThrowIfNegative(reserveBytes);
            return new OutboxStore(path, bounds, ownership, logger, time ?? TimeProvider.System, reserveBytes);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            ownership.Dispose();
            throw new OutboxException($"cannot open the outbox '{path}': {ex.Message}", ex);
        }
        catch
        {
            ownership.Dispose();
            throw;
        }
    }

    /// <summary>Commits one event (fsynced) and returns its sequence; applies the count and size bounds.</summary>
    public long Append(string eventId, string topic, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(topic);
        ArgumentNullException.ThrowIfNull(payload);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // New events never use the reserve: it is kept for deleting delivered ones, which is what frees space.
            var sequence = Guarded(() => Insert(eventId, topic, payload));
            AfterWrite();

            _last = sequence;
            _bytes += payload.Length;
            EnforceSize();
            return sequence;
        }
    }

    /// <summary>Up to <paramref name="max"/> of the oldest rows, in sequence order.</summary>
    public IReadOnlyList<OutboxRow> ReadOldest(int max)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return Guarded(() => Select(max));
        }
    }

    /// <summary>Deletes every row up to and including <paramref name="row"/> (the broker acknowledged them, in order).</summary>
    public void Acknowledge(OutboxRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        lock (_gate)
        {
            if (_disposed || row.Generation != Generation || row.Sequence < _first)
            {
                return;
            }

            // Deleting before a previous run's backlog was measured would lose the rows from the sum.
            MeasureLocked();
            if (row.Generation != Generation)
            {
                return;
            }

            var bytes = Guarded(() => WithReserve(() => DeletePrefix(row.Sequence + 1)), retry: false);
            if (row.Generation != Generation)
            {
                return;
            }

            _bytes -= bytes;
            _first = row.Sequence + 1;
            if (_lowDisk && Count == 0 && _reserve.TryEnsure())
            {
                // Drained and the reserve is back: the disk has room again.
                _lowDisk = false;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _db.Dispose();
            _ownership.Dispose();
        }
    }
}
