using Microsoft.Extensions.Logging;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>
/// Spare disk space beside the outbox: <c>PATH.reserve</c>, a file of real (not sparse) zeros. In WAL mode even a DELETE
/// needs new space (the changed pages are appended to the WAL first), so on a full disk the outbox could neither take
/// new events nor delete delivered ones, and the publisher would resend the same batch after every back-off until
/// someone freed space. When a delete hits SQLITE_FULL the store releases this file and retries: the backlog drains,
/// and its freed pages take new events (tests/EdgeStream.Mqtt.Tests/Outbox/OutboxDiskFullTests.cs).
/// </summary>
internal sealed class OutboxReserve
{
    /// <summary>
    /// 4 MiB: room for the checkpoint of a full WAL (it may grow the database by up to
    /// <see cref="OutboxDatabase.WalCheckpointBytes"/>) plus the WAL frames of the deletes that free space.
    /// </summary>
    public const long DefaultBytes = 4 * 1024 * 1024;

    private static readonly TimeSpan RetryEvery = TimeSpan.FromMinutes(1);
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private DateTimeOffset _lastTry = DateTimeOffset.MinValue;

    public OutboxReserve(string outboxPath, long bytes, ILogger logger, TimeProvider time)
    {
        Path = outboxPath + ".reserve";
        Bytes = bytes;
        _logger = logger;
        _time = time;
    }

    public string Path { get; }

    public long Bytes { get; }

    /// <summary>The reserve is on disk, whole.</summary>
    public bool Held => Bytes > 0 && new FileInfo(Path) is { Exists: true } f && f.Length == Bytes;

    /// <summary>
    /// Writes the reserve if it is missing (at start, and again once the disk has room: tried at most once a minute).
    /// When the disk has no room for it, logs that once per try and returns false; the outbox works on without it.
    /// </summary>
    public bool TryEnsure()
    {
        if (Bytes == 0 || Held)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        if (now - _lastTry < RetryEvery)
        {
            return false;
        }

        _lastTry = now;
        try
        {
            using (var file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var zeros = new byte[64 * 1024];
                for (long written = 0; written < Bytes; written += zeros.Length)
                {
                    file.Write(zeros, 0, (int)Math.Min(zeros.Length, Bytes - written));
                }

                file.Flush(flushToDisk: true);
            }

            OutboxLog.ReserveSet(_logger, Path, Bytes);
            return true;
        }
        catch (IOException ex)
        {
            File.Delete(Path);
            OutboxLog.ReserveNotSet(_logger, Path, Bytes, ex.Message);
            return false;
        }
    }

    /// <summary>Deletes the reserve; the bytes it gave back (0 when there was none).</summary>
    public long Release()
    {
        if (!Held)
        {
            return 0;
        }

        File.Delete(Path);
        _lastTry = _time.GetUtcNow();
        return Bytes;
    }
}
