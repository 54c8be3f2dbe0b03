using Microsoft.Data.Sqlite;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>The statements; callers hold the lock.</summary>
public sealed partial class OutboxStore
{
    private long Insert(string eventId, string topic, byte[] payload)
    {
        using var command = _db.CreateCommand();
        command.CommandText = "INSERT INTO outbox (committed_ms, event_id, topic, payload) VALUES ($ms, $id, $topic, $payload) RETURNING seq;";
        command.Parameters.AddWithValue("$ms", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$id", eventId);
        command.Parameters.AddWithValue("$topic", topic);
        command.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
        return (long)command.ExecuteScalar()!;
    }

    private List<OutboxRow> Select(int max)
    {
        using var command = _db.CreateCommand();
        command.CommandText = "SELECT seq, event_id, topic, payload, committed_ms FROM outbox ORDER BY seq LIMIT $max;";
        command.Parameters.AddWithValue("$max", max);
        using var reader = command.ExecuteReader();
        var rows = new List<OutboxRow>();
        while (reader.Read())
        {
            var committed = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4));
            rows.Add(new OutboxRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3), committed, Generation));
        }

        return rows;
    }

    /// <summary>Deletes the rows before <paramref name="newFirst"/>; returns their payload bytes.</summary>
    private long DeletePrefix(long newFirst)
    {
        using var transaction = _db.BeginTransaction();
        using var sum = _db.CreateCommand();
        sum.Transaction = transaction;
        sum.CommandText = "SELECT total(length(payload)) FROM outbox WHERE seq < $first;";
        sum.Parameters.AddWithValue("$first", newFirst);
        var bytes = Convert.ToInt64(sum.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        using var delete = _db.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM outbox WHERE seq < $first;";
        delete.Parameters.AddWithValue("$first", newFirst);
        delete.ExecuteNonQuery();
        transaction.Commit();
        return bytes;
    }

    /// <summary>The oldest and newest sequence; for an empty table the next sequence minus one (AUTOINCREMENT's high-water mark).</summary>
    private void ReadEnds(SqliteConnection db)
    {
        using var command = db.CreateCommand();
        command.CommandText = "SELECT min(seq), max(seq), (SELECT seq FROM sqlite_sequence WHERE name = 'outbox') FROM outbox;";
        using var reader = command.ExecuteReader();
        reader.Read();
        var highWater = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);
        _first = reader.IsDBNull(0) ? highWater + 1 : reader.GetInt64(0);
        _last = reader.IsDBNull(1) ? highWater : reader.GetInt64(1);
        _bytes = 0;
        _bytesKnown = _first > _last;
        _measureUpTo = _last;
    }
}
