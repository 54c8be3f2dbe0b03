using System.Diagnostics;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Outbox;

/// <summary>A large backlog from a previous run: start-up does not wait for it, new events queue behind it, all arrive in order.</summary>
public sealed class OutboxBacklogTests(ITestOutputHelper output) : IDisposable
{
    private const int Backlog = 20_000;
    private readonly TestLog _log = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-backlog-").FullName;

    private string DbPath => Path.Combine(_folder, "outbox.db");

    [Fact]
    public async Task Start_LargeBacklog_NewEventsCommitAtOnceAndEverythingArrivesInOrder()
    {
        var old = WriteBacklog();
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, _log);
        var received = new List<Guid>();
        broker.Server.InterceptingPublishAsync += args =>
        {
            if (args.ApplicationMessage.Topic.EndsWith("/events", StringComparison.Ordinal))
            {
                lock (received)
                {
                    received.Add(EventJson.DeserializeEvent(args.ApplicationMessage.Payload.FirstSpan).Id);
                }
            }

            return Task.CompletedTask;
        };
        var link = await MqttDeviceLink.StartAsync(new MqttOptions { Broker = broker.Uri }, Samples.Online(), _log);

        var clock = Stopwatch.StartNew();
        await using var sink = OutboxEventSink.Start(link, new OutboxOptions(), DbPath, _log);
        var opened = clock.Elapsed;
        var fresh = Samples.Event(Backlog + 1);
        await sink.PublishAsync(fresh, CancellationToken.None);
        var firstCommit = clock.Elapsed - opened;
        var waitingBehind = sink.Store.Count;

        await Eventually.TrueAsync(() => sink.Store.Count == 0, "the backlog drains", TimeSpan.FromMinutes(3));
        var drained = clock.Elapsed;

        output.WriteLine($"open with {Backlog} waiting: {opened.TotalMilliseconds:0} ms; first new commit: {firstCommit.TotalMilliseconds:0.0} ms with {waitingBehind} still waiting; drained in {drained.TotalSeconds:0.0} s ({Backlog / drained.TotalSeconds:0} events/s)");
        Assert.True(waitingBehind > Backlog / 2, $"the new event was committed while {waitingBehind} of {Backlog} were still waiting: start-up did not wait for the drain");
        lock (received)
        {
            Assert.Equal([.. old, fresh.Id], received.Distinct());
        }
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A previous run's outbox: the schema from the store itself, then the rows in one transaction (fast) like that run's commits.</summary>
    private List<Guid> WriteBacklog()
    {
        var first = Samples.Event(1);
        using (var store = OutboxStore.Open(DbPath, OutboxBounds.From(new OutboxOptions()), _log))
        {
            store.Append(first.Id.ToString(), "edgestream/dev1/cam1/events", EventJson.Serialize(first));
        }

        var ids = new List<Guid> { first.Id };
        using var db = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        db.Open();
        using var transaction = db.BeginTransaction();
        using var insert = db.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO outbox (committed_ms, event_id, topic, payload) VALUES ($ms, $id, 'edgestream/dev1/cam1/events', $payload);";
        var ms = insert.Parameters.Add("$ms", SqliteType.Integer);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        for (var i = 2; i <= Backlog; i++)
        {
            var e = Samples.Event(i);
            ms.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            id.Value = e.Id.ToString();
            payload.Value = EventJson.Serialize(e);
            insert.ExecuteNonQuery();
            ids.Add(e.Id);
        }

        transaction.Commit();
        return ids;
    }
}
