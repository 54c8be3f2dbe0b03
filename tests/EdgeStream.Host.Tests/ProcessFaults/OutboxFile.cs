using Microsoft.Data.Sqlite;

namespace EdgeStream.Host.Tests.ProcessFaults;

/// <summary>
/// Reads the event ids committed in an outbox file that a running or killed process owns, from a copy (database plus
/// write-ahead log), so the test never checkpoints or locks the original.
/// </summary>
internal static class OutboxFile
{
    public static IReadOnlyList<string> CommittedIds(string database)
    {
        if (!File.Exists(database))
        {
            return [];
        }

        var copy = Path.Combine(Path.GetTempPath(), $"edgestream-outbox-copy-{Guid.NewGuid():N}.db");
        try
        {
            foreach (var suffix in new[] { "", "-wal" })
            {
                if (File.Exists(database + suffix))
                {
                    File.Copy(database + suffix, copy + suffix);
                }
            }

            using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT event_id FROM outbox ORDER BY seq;";
            using var reader = command.ExecuteReader();
            var ids = new List<string>();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1 && e.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return []; // Copied between the file's creation and its schema: nothing committed yet.
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(copy + suffix);
            }
        }
    }
}
