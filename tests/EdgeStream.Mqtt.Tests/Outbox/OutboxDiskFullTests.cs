using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Outbox;

/// <summary>
/// The outbox on a file system that really fills up (a 512 KiB tmpfs): a commit that does not fit fails with a clear
/// error, what was committed stays, nothing is moved aside as corrupt, and commits work again once there is space.
/// </summary>
public sealed class OutboxDiskFullTests(ITestOutputHelper output) : IDisposable
{
    private static readonly OutboxBounds Unbounded = new(long.MaxValue / 2, long.MaxValue / 2, TimeSpan.FromDays(3650));
    private readonly TestLog _log = new(output);

    [TinyFileSystemFact]
    public void Append_DiskFull_ThrowsNamingIt_KeepsTheCommittedRows_AndWorksAgainWhenSpaceReturns()
    {
        using var disk = TinyFileSystem.Mount(512 * 1024);
        var path = Path.Combine(disk.Folder, "outbox.db");
        using var store = OutboxStore.Open(path, Unbounded, _log, reserveBytes: 64 * 1024);
        var payload = new byte[8 * 1024];
        Random.Shared.NextBytes(payload);
        var committed = new List<string>();
        OutboxException? full = null;

        // 200 x 8 KiB = 1.6 MiB: more than the disk holds.
        for (var i = 0; i < 200 && full is null; i++)
        {
            try
            {
                store.Append($"id-{i}", "t", payload);
                committed.Add($"id-{i}");
            }
            catch (OutboxException ex)
            {
                full = ex;
            }
        }

        Assert.NotNull(full);
        output.WriteLine($"full after {committed.Count} events: {full.Message}");
        Assert.Contains(path, full.Message, StringComparison.Ordinal);
        Assert.Contains("full", full.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(13, ((SqliteException)full.InnerException!).SqliteErrorCode & 0xFF); // SQLITE_FULL
        Assert.True(committed.Count > 10, $"only {committed.Count} events fitted in 512 KiB");
        Assert.Equal(committed, store.ReadOldest(1000).Select(r => r.EventId));
        Assert.Equal(committed.Count, store.Count);
        Assert.Empty(Directory.GetFiles(disk.Folder, "*.corrupt-*"));

        disk.Resize(16 * 1024 * 1024);
        store.Append("after", "t", payload);

        Assert.Equal([.. committed, "after"], store.ReadOldest(1000).Select(r => r.EventId));
    }

    [TinyFileSystemFact]
    public void Restart_OnAFullDisk_DrainsEveryCommittedRowAndReusesTheSpace()
    {
        var (disk, committed) = FillThenRestart(reserveBytes: 2 * 1024 * 1024);
        using var _ = disk;
        using var second = OutboxStore.Open(Path.Combine(disk.Folder, "outbox.db"), Unbounded, _log, reserveBytes: 2 * 1024 * 1024);
        var rows = second.ReadOldest(1000);
        Assert.Equal(committed, rows.Select(r => r.EventId));

        second.Acknowledge(rows[^1]);

        Assert.Equal(0, second.Count);
        Assert.Contains(_log.Lines, l => l.Contains("[4058]", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(disk.Folder, "outbox.db.reserve")), "the reserve was given up for the delete");

        // The deleted rows' pages take new events on the same full disk: as many as before.
        for (var i = 0; i < committed.Count; i++)
        {
            second.Append($"new-{i}", "t", Payload);
        }

        Assert.Equal(committed.Count, second.Count);
    }

    [TinyFileSystemFact]
    public void Restart_OnAFullDiskWithoutReserve_CannotDeleteDeliveredRows()
    {
        // Why the reserve exists: in WAL mode a delete needs new disk too.
        var (disk, committed) = FillThenRestart(reserveBytes: 0);
        using var _ = disk;

        var refused = Assert.Throws<OutboxException>(() =>
        {
            using var second = OutboxStore.Open(Path.Combine(disk.Folder, "outbox.db"), Unbounded, _log, reserveBytes: 0);
            second.Acknowledge(second.ReadOldest(1000)[^1]);
        });

        output.WriteLine(refused.Message);
        Assert.Contains("full", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(committed.Count > 10);
    }

    private static readonly byte[] Payload = new byte[8 * 1024];

    /// <summary>A 6 MiB disk filled with 8 KiB events until a commit fails; the store closed (a restart follows).</summary>
    private (TinyFileSystem Disk, List<string> Committed) FillThenRestart(long reserveBytes)
    {
        var disk = TinyFileSystem.Mount(6 * 1024 * 1024);
        var committed = new List<string>();
        using (var first = OutboxStore.Open(Path.Combine(disk.Folder, "outbox.db"), Unbounded, _log, reserveBytes: reserveBytes))
        {
            for (var i = 0; i < 2000; i++)
            {
                try
                {
                    first.Append($"id-{i}", "t", Payload);
                    committed.Add($"id-{i}");
                }
                catch (OutboxException)
                {
                    break;
                }
            }
        }

        output.WriteLine($"{committed.Count} events filled the disk (reserve {reserveBytes} bytes)");
        return (disk, committed);
    }

    public void Dispose() => _log.Dispose();
}
