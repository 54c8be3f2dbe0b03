using Microsoft.Data.Sqlite;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>
/// The file half of <see cref="OutboxStore"/>: who owns the database file, opening it with its disk reserve,
/// replacing a corrupt file (moved aside, never deleted), and the guard every operation runs under (disk full,
/// corruption, a locked file).
/// </summary>
public sealed partial class OutboxStore
{
    private static FileStream TakeOwnership(string path)
    {
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);

            // FileShare.None takes a non-blocking flock(LOCK_EX) on Unix: a second EdgeStream on the same file fails here.
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new OutboxException($"the outbox '{path}' is in use by another EdgeStream process, or its folder is not writable ({ex.Message}); give each instance its own EdgeStream:Outbox:Path", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new OutboxException($"cannot create the outbox '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Opening may need disk (the WAL index, recovering a WAL); on a full disk the reserve is released for it.</summary>
    private SqliteConnection OpenWithReserve()
    {
        try
        {
            return OpenOrReplace();
        }
        catch (SqliteException ex) when (OutboxDatabase.IsFull(ex) && _reserve.Held)
        {
            OutboxLog.DiskFullReserveReleased(_logger, Path, _reserve.Release());
            _lowDisk = true;
            return OpenOrReplace();
        }
    }

    private SqliteConnection OpenOrReplace()
    {
        SqliteConnection db;
        try
        {
            db = OutboxDatabase.Open(Path);
        }
        catch (SqliteException ex) when (OutboxDatabase.IsCorrupt(ex))
        {
            MoveAside(ex);
            db = OutboxDatabase.Open(Path);
        }

        ReadEnds(db);
        OutboxLog.Opened(_logger, Path);
        if (Count > 0)
        {
            OutboxLog.Backlog(_logger, Path, Count);
        }

        return db;
    }

    /// <summary>
    /// Runs <paramref name="operation"/>; when SQLite reports corruption, replaces the file and, when <paramref name="retry"/>,
    /// runs it once more on the fresh one (never a delete: its sequence numbers belong to the old file).
    /// </summary>
    private T Guarded<T>(Func<T> operation, bool retry = true)
    {
        try
        {
            return operation();
        }
        catch (SqliteException ex) when (OutboxDatabase.IsCorrupt(ex))
        {
            _db.Dispose();
            MoveAside(ex);
            _db = OutboxDatabase.Open(Path);
            ReadEnds(_db);
            Generation++;
            return retry ? operation() : default!;
        }
        catch (SqliteException ex)
        {
            throw new OutboxException($"outbox '{Path}': {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Runs a delete; on a full disk it releases the reserve once and retries (a delete needs WAL space too, see
    /// <see cref="OutboxReserve"/>). While the disk is low every write is followed by a truncating checkpoint, so the WAL
    /// gives its space back instead of growing into the little that is left.
    /// </summary>
    private T WithReserve<T>(Func<T> write)
    {
        T result;
        try
        {
            result = write();
        }
        catch (SqliteException ex) when (OutboxDatabase.IsFull(ex) && _reserve.Held)
        {
            OutboxLog.DiskFullReserveReleased(_logger, Path, _reserve.Release());
            _lowDisk = true;
            result = write();
        }

        AfterWrite();
        return result;
    }

    /// <summary>While the disk is low: a truncating checkpoint after every write, so the WAL gives its space back.</summary>
    private void AfterWrite()
    {
        if (!_lowDisk)
        {
            return;
        }

        try
        {
            using var command = _db.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex)
        {
            // The write before it is committed; a checkpoint that cannot run now runs with a later write.
            OutboxLog.CheckpointFailed(_logger, Path, ex.Message);
        }
    }

    private void MoveAside(SqliteException ex)
    {
        var aside = OutboxDatabase.MoveAside(Path, _time.GetUtcNow());
        OutboxLog.CorruptMovedAside(_logger, Path, ex.Message, aside);
    }
}
