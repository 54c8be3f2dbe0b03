namespace EdgeStream.Mqtt.Outbox;

/// <summary>
/// The drop policy, the only place events are ever dropped: beyond <see cref="OutboxBounds.MaxEvents"/> or
/// <see cref="OutboxBounds.MaxBytes"/> the oldest go, down to 1 % below the bound, and events older than
/// <see cref="OutboxBounds.MaxAge"/> go; each drop is one transaction and one error-level log line.
/// </summary>
public sealed partial class OutboxStore
{
    /// <summary>
    /// Sums the payload bytes of a backlog left by a previous run and then applies the size bound. The sum is a scan, so
    /// it runs after start-up (the publisher does it before its first send) on a second, read-only connection, without
    /// the lock: appends keep committing meanwhile. Until it finished only the count bound applies, and no row is
    /// deleted (the publisher has not started, drops wait), so the rows it sums are exactly those present at open.
    /// </summary>
    public void MeasureBacklog()
    {
        long lastAtOpen;
        lock (_gate)
        {
            if (_disposed || _bytesKnown)
            {
                return;
            }

            lastAtOpen = _measureUpTo;
        }

        long backlog;
        try
        {
            backlog = OutboxDatabase.SumPayloads(Path, lastAtOpen);
        }
        catch (Microsoft.Data.Sqlite.SqliteException ex) when (OutboxDatabase.IsCorrupt(ex))
        {
            // The guarded path on the main connection replaces the file (and then knows its size: empty).
            lock (_gate)
            {
                MeasureLocked();
            }

            return;
        }

        lock (_gate)
        {
            if (_disposed || _bytesKnown)
            {
                return;
            }

            _bytes += backlog;
            _bytesKnown = true;
            EnforceSize();
        }
    }

    /// <summary>Caller holds the lock. The same measurement on the main connection, before anything is deleted.</summary>
    private void MeasureLocked()
    {
        if (_disposed || _bytesKnown)
        {
            return;
        }

        var backlog = Guarded(() => Sum($"SELECT total(length(payload)) FROM outbox WHERE seq <= {_measureUpTo};"));
        if (!_bytesKnown)
        {
            _bytes += backlog;
            _bytesKnown = true;
            EnforceSize();
        }
    }

    /// <summary>Drops events committed more than <see cref="OutboxBounds.MaxAge"/> ago; returns how many.</summary>
    public long DropExpired()
    {
        lock (_gate)
        {
            if (_disposed || _first > _last)
            {
                return 0;
            }

            var cutoff = (_time.GetUtcNow() - Bounds.MaxAge).ToUnixTimeMilliseconds();

            // Committed times grow with the sequence, so the expired rows are a prefix: stop at the first one still young
            // (if the clock stepped back, a row may stay longer than MaxAge; none goes early).
            var newFirst = Guarded(() => Sum($"SELECT coalesce((SELECT seq FROM outbox WHERE committed_ms >= {cutoff} ORDER BY seq LIMIT 1), {_last + 1});"));
            return Drop(newFirst, $"MaxAgeHours ({Bounds.MaxAge.TotalHours:0.##})");
        }
    }

    /// <summary>Caller holds the lock.</summary>
    private void EnforceSize()
    {
        if (!_bytesKnown)
        {
            // A previous run's backlog is being measured: no row may go before the sum is in (it runs right after start-up).
            return;
        }

        if (_last - _first + 1 > Bounds.MaxEvents)
        {
            Drop(_last - Bounds.EventsAfterDrop + 1, $"MaxEvents ({Bounds.MaxEvents})");
        }

        if (_bytes > Bounds.MaxBytes)
        {
            var excess = _bytes - Bounds.BytesAfterDrop;
            var newFirst = Guarded(() => Sum($"SELECT coalesce(min(seq), {_last + 1}) FROM (SELECT seq, sum(length(payload)) OVER (ORDER BY seq) AS upto FROM outbox) WHERE upto >= {excess};")) + 1;
            Drop(newFirst, $"MaxMegabytes ({Bounds.MaxBytes / (1024.0 * 1024):0.##})");
        }
    }

    /// <summary>Caller holds the lock. Deletes the rows before <paramref name="newFirst"/> as a counted, logged drop.</summary>
    private long Drop(long newFirst, string bound)
    {
        newFirst = Math.Min(newFirst, _last + 1);
        if (newFirst <= _first)
        {
            return 0;
        }

        var generation = Generation;
        var firstDropped = _first;
        var oldest = Guarded(() => Sum($"SELECT committed_ms FROM outbox WHERE seq = {firstDropped};"));
        var bytes = Guarded(() => WithReserve(() => DeletePrefix(newFirst)), retry: false);
        if (generation != Generation)
        {
            // The file was replaced meanwhile (corrupt); its rows are gone with it and the fresh one starts over.
            return 0;
        }

        var count = newFirst - firstDropped;
        _bytes -= bytes;
        _first = newFirst;
        var total = Interlocked.Add(ref _dropped, count);
        var age = (_time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(oldest)).TotalHours;
        OutboxLog.Dropped(_logger, count, firstDropped, newFirst - 1, age, bound, total);
        return count;
    }

    /// <summary>A single integer from a statement built only from integers this class computed.</summary>
    private long Sum(string sql)
    {
        using var command = _db.CreateCommand();
#pragma warning disable CA2100 // The SQL holds only integers computed here, never outside input.
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
