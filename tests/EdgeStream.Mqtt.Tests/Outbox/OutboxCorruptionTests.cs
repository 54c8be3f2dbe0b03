using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Outbox;

/// <summary>A damaged outbox file never stops the service: it is moved aside (kept for forensics) and a fresh one takes over.</summary>
public sealed class OutboxCorruptionTests(ITestOutputHelper output) : IDisposable
{
    private static readonly OutboxBounds Unbounded = new(long.MaxValue / 2, long.MaxValue / 2, TimeSpan.FromDays(3650));
    private readonly TestLog _log = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-outbox-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 12, 30, 5, TimeSpan.Zero));

    private string DbPath => Path.Combine(_folder, "outbox.db");

    [Fact]
    public void Open_FileIsNotADatabase_MovedAsideWithTimestampAndFreshOneWorks()
    {
        var garbage = new byte[8192];
        new Random(42).NextBytes(garbage);
        File.WriteAllBytes(DbPath, garbage);

        using var store = OutboxStore.Open(DbPath, Unbounded, _log, _time);
        store.Append("a", "t", [1]);

        var aside = Path.Combine(_folder, "outbox.db.corrupt-20250301T123005Z");
        Assert.Equal(garbage, File.ReadAllBytes(aside));
        Assert.Equal(["a"], store.ReadOldest(10).Select(r => r.EventId));
        var line = _log.Lines.Single(l => l.Contains("[4052]", StringComparison.Ordinal));
        Assert.Contains("Critical", line, StringComparison.Ordinal);
        Assert.Contains(aside, line, StringComparison.Ordinal);
    }

    [Fact]
    public void MeasureBacklog_TableDamagedInTheMiddle_MovedAsideAtFirstFullReadAndServiceGoesOn()
    {
        using (var healthy = OutboxStore.Open(DbPath, Unbounded, _log, _time))
        {
            for (var i = 0; i < 400; i++)
            {
                healthy.Append($"id-{i}", "edgestream/dev1/cam1/events", new byte[900]);
            }
        }

        var length = new FileInfo(DbPath).Length;
        using (var file = File.OpenWrite(DbPath))
        {
            // Pages in the middle of the table: the two ends, read at open, stay intact.
            file.Position = length / 2;
            file.Write(Enumerable.Repeat((byte)0xA5, 32 * 1024).ToArray());
        }

        using var store = OutboxStore.Open(DbPath, Unbounded, _log, _time);
        store.MeasureBacklog();
        store.Append("after", "t", [1]);

        Assert.Single(Directory.GetFiles(_folder, "outbox.db.corrupt-*"), f => !f.EndsWith("-wal", StringComparison.Ordinal));
        Assert.Contains(_log.Lines, l => l.Contains("[4052]", StringComparison.Ordinal));
        Assert.Equal(["after"], store.ReadOldest(10).Select(r => r.EventId));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Open_CorruptTwiceTheSameSecond_SecondCopyGetsItsOwnName()
    {
        File.WriteAllBytes(DbPath + ".corrupt-20250301T123005Z", [1]);
        File.WriteAllText(DbPath, "this is not SQLite, just text long enough to be read as a header.................................................");

        using var store = OutboxStore.Open(DbPath, Unbounded, _log, _time);

        Assert.True(File.Exists(DbPath + ".corrupt-20250301T123005Z-2"));
        Assert.Equal([1], File.ReadAllBytes(DbPath + ".corrupt-20250301T123005Z"));
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
