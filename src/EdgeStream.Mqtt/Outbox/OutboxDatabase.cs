using System.Globalization;
using Microsoft.Data.Sqlite;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>
/// Opening the SQLite file: WAL (readers never block the writer, a commit is one append to the log) and
/// <c>synchronous=FULL</c>: every commit is fsynced, so an event that <c>PublishAsync</c> accepted survives a power cut,
/// not only a crash (NORMAL would survive SIGKILL but may lose the last commits on power loss, the very fault an edge
/// box sees). Events are rare next to frames; docs/reliability.md has the measured cost of a commit.
/// </summary>
internal static class OutboxDatabase
{
    private const int SchemaVersion = 1;

    /// <summary>AUTOINCREMENT: a sequence is never reused, even after the table was emptied.</summary>
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            committed_ms INTEGER NOT NULL,
            event_id TEXT NOT NULL,
            topic TEXT NOT NULL,
            payload BLOB NOT NULL);
        """;

    public static SqliteConnection Open(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,

            // No pool: closing must release the file, so a corrupt one can be moved aside.
            Pooling = false,
            DefaultTimeout = 30,
        };
        var db = new SqliteConnection(builder.ToString());
        try
        {
            db.Open();
            var mode = Scalar(db, "PRAGMA journal_mode=WAL;");
            if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new OutboxException($"outbox '{path}': the file system does not support SQLite WAL (journal mode stayed {mode})");
            }

            Execute(db, "PRAGMA synchronous=FULL;");

            // Checkpoint at 1 MiB of WAL (SQLite's default is 4 MiB) and cut the WAL file back to 1 MiB after it: on a full
            // disk a checkpoint may have to grow the database by up to the WAL's size, which the reserve must cover
            // (OutboxReserve.DefaultBytes).
            Execute(db, $"PRAGMA wal_autocheckpoint={WalCheckpointBytes / 4096};");
            Execute(db, $"PRAGMA journal_size_limit={WalCheckpointBytes};");
            var version = Convert.ToInt32(Scalar(db, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
            if (version > SchemaVersion)
            {
                throw new OutboxException($"outbox '{path}' was written by a newer EdgeStream (schema {version}, this one knows {SchemaVersion})");
            }

            Execute(db, CreateTable);
            if (version != SchemaVersion)
            {
                // Only a new file is written here: opening an existing outbox must work on a full disk.
                Execute(db, $"PRAGMA user_version={SchemaVersion};");
            }

            // Reads the first and last leaf pages: a file that is not a database, or whose table is damaged at either end, fails here.
            Execute(db, "SELECT min(seq), max(seq) FROM outbox;");
            return db;
        }
        catch
        {
            db.Dispose();
            throw;
        }
    }

    /// <summary>Payload bytes of the rows up to <paramref name="lastSequence"/>, on a read-only connection of its own (a WAL reader never blocks the writer).</summary>
    public static long SumPayloads(string path, long lastSequence)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 };
        using var db = new SqliteConnection(builder.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT total(length(payload)) FROM outbox WHERE seq <= $last;";
        command.Parameters.AddWithValue("$last", lastSequence);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>SQLITE_CORRUPT (11) and SQLITE_NOTADB (26), extended codes included.</summary>
    public static bool IsCorrupt(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) is 11 or 26;

    /// <summary>WAL size at which SQLite checkpoints (in 4 KiB pages: 256).</summary>
    public const long WalCheckpointBytes = 1024 * 1024;

    /// <summary>SQLITE_FULL: the disk (or file system) has no room for the write.</summary>
    public static bool IsFull(SqliteException ex) => (ex.SqliteErrorCode & 0xFF) == 13;

    /// <summary>Renames the file (and its WAL) to <c>PATH.corrupt-yyyyMMddTHHmmssZ</c>; the shared-memory index is rebuilt from scratch.</summary>
    public static string MoveAside(string path, DateTimeOffset now)
    {
        var aside = $"{path}.corrupt-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        for (var n = 2; File.Exists(aside); n++)
        {
            aside = $"{path}.corrupt-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}-{n}";
        }

        File.Move(path, aside);
        if (File.Exists(path + "-wal"))
        {
            File.Move(path + "-wal", aside + "-wal");
        }

        File.Delete(path + "-shm");
        return aside;
    }

    public static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
