using System.Text;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Outbox;

/// <summary>The outbox file on a real disk: order, prefix deletes, reopening, one owner per file.</summary>
public sealed class OutboxStoreTests(ITestOutputHelper output) : IDisposable
{
    private static readonly OutboxBounds Unbounded = new(long.MaxValue / 2, long.MaxValue / 2, TimeSpan.FromDays(3650));
    private readonly TestLog _log = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-outbox-").FullName;

    private string DbPath => Path.Combine(_folder, "outbox.db");

    [Fact]
    public void ReadOldest_AfterAppends_ReturnsRowsInInsertionOrderWithTopicPayloadAndId()
    {
        using var store = OutboxStore.Open(DbPath, Unbounded, _log);
        var sequences = Enumerable.Range(1, 10).Select(i => store.Append($"id-{i}", $"t/{i % 3}", Encoding.UTF8.GetBytes($"payload {i}"))).ToList();

        var rows = store.ReadOldest(100);

        Assert.Equal(sequences, rows.Select(r => r.Sequence));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"id-{i}"), rows.Select(r => r.EventId));
        Assert.Equal("t/1", rows[0].Topic);
        Assert.Equal("payload 10", Encoding.UTF8.GetString(rows[9].Payload));
        Assert.Equal(10, store.Count);
        Assert.Equal(rows.Sum(r => (long)r.Payload.Length), store.Bytes);
    }

    [Fact]
    public void Acknowledge_MiddleRow_DeletesOnlyThatPrefix()
    {
        using var store = OutboxStore.Open(DbPath, Unbounded, _log);
        for (var i = 1; i <= 5; i++)
        {
            store.Append($"id-{i}", "t", [(byte)i]);
        }

        store.Acknowledge(store.ReadOldest(5)[2]);

        Assert.Equal(["id-4", "id-5"], store.ReadOldest(10).Select(r => r.EventId));
        Assert.Equal(2, store.Count);
        Assert.Equal(2, store.Bytes);
    }

    [Fact]
    public void Open_SameFileAfterDispose_HasTheCommittedRowsAndContinuesTheSequence()
    {
        long last;
        using (var first = OutboxStore.Open(DbPath, Unbounded, _log))
        {
            for (var i = 1; i <= 3; i++)
            {
                last = first.Append($"id-{i}", "t", [1, 2, 3]);
            }

            first.Acknowledge(first.ReadOldest(1)[0]);
            last = first.Append("id-4", "t", [4]);
        }

        using var second = OutboxStore.Open(DbPath, Unbounded, _log);

        Assert.Equal(["id-2", "id-3", "id-4"], second.ReadOldest(10).Select(r => r.EventId));
        Assert.Equal(3, second.Count);
        Assert.Equal(-1, second.Bytes);
        Assert.Equal(last + 1, second.Append("id-5", "t", [5, 5]));
        second.MeasureBacklog();
        Assert.Equal(9, second.Bytes);
        Assert.Contains(_log.Lines, l => l.Contains("[4050]", StringComparison.Ordinal) && l.Contains("3 events waiting", StringComparison.Ordinal));
    }

    [Fact]
    public void Acknowledge_BacklogNotYetMeasured_MeasuresFirstSoTheSizeStaysExact()
    {
        using (var first = OutboxStore.Open(DbPath, Unbounded, _log))
        {
            first.Append("a", "t", new byte[10]);
            first.Append("b", "t", new byte[20]);
        }

        using var second = OutboxStore.Open(DbPath, Unbounded, _log);
        second.Append("c", "t", new byte[40]);

        second.Acknowledge(second.ReadOldest(1)[0]);

        Assert.Equal(60, second.Bytes);
        second.MeasureBacklog();
        Assert.Equal(60, second.Bytes);
    }

    [Fact]
    public void Append_AfterEverythingWasAcknowledgedAndReopened_NeverReusesASequence()
    {
        long before;
        using (var first = OutboxStore.Open(DbPath, Unbounded, _log))
        {
            first.Append("a", "t", [1]);
            before = first.Append("b", "t", [1]);
            first.Acknowledge(first.ReadOldest(2)[1]);
            Assert.Equal(0, first.Count);
        }

        using var second = OutboxStore.Open(DbPath, Unbounded, _log);

        Assert.Equal(0, second.Count);
        Assert.True(second.Append("c", "t", [1]) > before);
        Assert.Equal(1, second.Count);
    }

    [Fact]
    public void Open_FileHeldByAnotherInstance_ThrowsNamingTheKey()
    {
        using var first = OutboxStore.Open(DbPath, Unbounded, _log);

        var ex = Assert.Throws<OutboxException>(() => OutboxStore.Open(DbPath, Unbounded, _log));

        output.WriteLine(ex.Message);
        Assert.Contains("EdgeStream:Outbox:Path", ex.Message, StringComparison.Ordinal);
        Assert.Contains(DbPath, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Acknowledge_RowOfAReplacedFile_IsIgnored()
    {
        using var store = OutboxStore.Open(DbPath, Unbounded, _log);
        store.Append("a", "t", [1]);
        var stale = store.ReadOldest(1)[0] with { Generation = store.Generation + 1 };

        store.Acknowledge(stale);

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Open_RelativeDefaultPath_ResolvesUnderSystemdStateDirectory()
    {
        var options = new OutboxOptions();
        string? Env(string name) => name == "STATE_DIRECTORY" ? "/var/lib/edgestream:/var/lib/other" : null;

        Assert.Equal("/var/lib/edgestream/edgestream-outbox.db", OutboxPaths.Resolve(options, Env));
        Assert.Equal("/data/x.db", OutboxPaths.Resolve(new OutboxOptions { Path = "/data/x.db" }, Env));
        Assert.Equal("/home/u/.state/edgestream/edgestream-outbox.db", OutboxPaths.Resolve(options, n => n == "XDG_STATE_HOME" ? "/home/u/.state" : null));
    }

    [Fact]
    public void Append_ClockStoredPerRow_CommittedAtIsTheProvidersTime()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var store = OutboxStore.Open(DbPath, Unbounded, _log, time);
        store.Append("a", "t", [1]);

        Assert.Equal(time.GetUtcNow(), store.ReadOldest(1)[0].CommittedAt);
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
