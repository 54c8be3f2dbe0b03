using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Outbox;

/// <summary>The drop policy: the configured bounds are the only way an event leaves the outbox unacknowledged; oldest first, counted, logged.</summary>
public sealed class OutboxBoundsTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLog _log = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-outbox-").FullName;

    private string DbPath => Path.Combine(_folder, "outbox.db");

    private int DropLines => _log.Lines.Count(l => l.Contains("[4053]", StringComparison.Ordinal));

    [Fact]
    public void Append_BeyondMaxEvents_DropsOldestDownTo99PercentWithOneLogLine()
    {
        using var store = OutboxStore.Open(DbPath, new OutboxBounds(200, long.MaxValue, TimeSpan.FromDays(1)), _log);
        for (var i = 1; i <= 200; i++)
        {
            store.Append($"id-{i}", "t", [1]);
        }

        Assert.Equal(0, DropLines);
        store.Append("id-201", "t", [1]);

        Assert.Equal(198, store.Count);
        Assert.Equal(3, store.Dropped);
        Assert.Equal("id-4", store.ReadOldest(1)[0].EventId);
        Assert.Equal(1, DropLines);
        var line = _log.Lines.Single(l => l.Contains("[4053]", StringComparison.Ordinal));
        Assert.Contains("DROPPED 3 oldest events (sequence 1..3", line, StringComparison.Ordinal);
        Assert.Contains("MaxEvents (200)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_AtTheBoundForLong_LogsOncePerOnePercentNotPerEvent()
    {
        using var store = OutboxStore.Open(DbPath, new OutboxBounds(1000, long.MaxValue, TimeSpan.FromDays(1)), _log);
        for (var i = 1; i <= 1100; i++)
        {
            store.Append($"id-{i}", "t", [1]);
        }

        Assert.InRange(store.Count, 990, 1000);
        Assert.Equal(1100 - store.Count, store.Dropped);
        Assert.InRange(DropLines, 10, 11);
        Assert.Equal($"id-{1100 - store.Count + 1}", store.ReadOldest(1)[0].EventId);
    }

    [Fact]
    public void Append_BeyondMaxBytes_DropsOldestUntilUnderTheBound()
    {
        using var store = OutboxStore.Open(DbPath, new OutboxBounds(long.MaxValue, 10_000, TimeSpan.FromDays(1)), _log);
        for (var i = 1; i <= 10; i++)
        {
            store.Append($"id-{i}", "t", new byte[1000]);
        }

        store.Append("id-11", "t", new byte[1000]);

        Assert.Equal(9, store.Count);
        Assert.Equal(9000, store.Bytes);
        Assert.Equal("id-3", store.ReadOldest(1)[0].EventId);
        Assert.Contains(_log.Lines, l => l.Contains("[4053]", StringComparison.Ordinal) && l.Contains("MaxMegabytes", StringComparison.Ordinal));
    }

    [Fact]
    public void MeasureBacklog_ReopenedOverTheByteBound_DropsOldestInTheBackground()
    {
        using (var big = OutboxStore.Open(DbPath, new OutboxBounds(long.MaxValue, long.MaxValue, TimeSpan.FromDays(1)), _log))
        {
            for (var i = 1; i <= 20; i++)
            {
                big.Append($"id-{i}", "t", new byte[1000]);
            }
        }

        using var store = OutboxStore.Open(DbPath, new OutboxBounds(long.MaxValue, 10_000, TimeSpan.FromDays(1)), _log);
        Assert.Equal(20, store.Count);

        store.MeasureBacklog();

        Assert.Equal(9, store.Count);
        Assert.Equal("id-12", store.ReadOldest(1)[0].EventId);
    }

    [Fact]
    public void DropExpired_OlderThanMaxAge_DropsThoseAndKeepsYounger()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero));
        using var store = OutboxStore.Open(DbPath, new OutboxBounds(long.MaxValue, long.MaxValue, TimeSpan.FromHours(24)), _log, time);
        store.Append("old-1", "t", [1]);
        store.Append("old-2", "t", [1]);
        time.Advance(TimeSpan.FromHours(20));
        store.Append("young", "t", [1]);
        time.Advance(TimeSpan.FromHours(5));

        var dropped = store.DropExpired();

        Assert.Equal(2, dropped);
        Assert.Equal(["young"], store.ReadOldest(10).Select(r => r.EventId));
        var line = _log.Lines.Single(l => l.Contains("[4053]", StringComparison.Ordinal));
        Assert.Contains("MaxAgeHours (24)", line, StringComparison.Ordinal);
        Assert.Contains("25.0 h ago", line, StringComparison.Ordinal);
    }

    [Fact]
    public void DropExpired_NothingOld_DropsNothingAndLogsNothing()
    {
        var time = new FakeTimeProvider();
        using var store = OutboxStore.Open(DbPath, new OutboxBounds(long.MaxValue, long.MaxValue, TimeSpan.FromHours(1)), _log, time);
        store.Append("a", "t", [1]);

        Assert.Equal(0, store.DropExpired());
        Assert.Equal(0, DropLines);
        Assert.Equal(1, store.Count);
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
