using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Tests.TestSupport;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Faults;

/// <summary>
/// Fault injection against a real Mosquitto: the broker is stopped (SIGTERM, as systemd stops it) for more than 10 s in
/// the middle of a stream of events and started again on the same port. The subscriber is a production-style consumer
/// (persistent session, the broker persists its sessions), so anything missing is EdgeStream's loss, not the test's.
/// </summary>
public sealed class BrokerOutageTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLog _log = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-outage-").FullName;

    [MosquittoFact]
    public async Task MosquittoStoppedFor10SecondsMidStream_EveryEventArrivesAtLeastOnceInOrderPerStream()
    {
        var broker = await MosquittoBroker.StartAsync(_folder, FreePort.Next(), persistent: true);
        try
        {
            await using var subscriber = await PersistentSubscriber.StartAsync(broker.Port, "edgestream/dev1/+/events");
            var options = new MqttOptions
            {
                Broker = $"mqtt://127.0.0.1:{broker.Port}",
                PublishTimeoutSeconds = 5,
                ReconnectMinSeconds = 0.5,
                ReconnectMaxSeconds = 2,
            };
            var link = await MqttDeviceLink.StartAsync(options, Samples.Online("cam1", "cam2", "pump1"), _log);
            await using var sink = OutboxEventSink.Start(link, new OutboxOptions(), Path.Combine(_folder, "outbox.db"), _log);
            var stream = new EventStream(sink, "cam1", "cam2", "pump1");
            using var stop = new CancellationTokenSource();
            var producing = stream.RunAsync(stop.Token);

            await Eventually.TrueAsync(() => subscriber.Events.Count >= 150, "events flowing before the outage");
            await broker.StopAsync();
            var producedAtStop = stream.Produced.Count;
            output.WriteLine($"mosquitto stopped after {producedAtStop} events");
            await Task.Delay(TimeSpan.FromSeconds(11));
            var backlog = sink.Store.Count;
            var producedDuringOutage = stream.Produced.Count - producedAtStop;
            output.WriteLine($"outage: {producedDuringOutage} events produced, {backlog} waiting in the outbox");
            broker = await broker.RestartAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await stop.CancelAsync();
            await producing;

            var produced = stream.Produced;
            await subscriber.WaitForAllAsync([.. produced.Select(e => e.Id)], TimeSpan.FromSeconds(120));
            await Eventually.TrueAsync(() => sink.Store.Count == 0, "the outbox drains");
            var duplicates = DeliveryAssert.AtLeastOnceInOrder(produced, subscriber.Events);

            output.WriteLine($"{produced.Count} produced, {subscriber.Events.Count} received, {duplicates} duplicates, subscriber connects: {subscriber.Connects}");
            Assert.True(producedDuringOutage > 100, $"only {producedDuringOutage} events were produced during the outage");
            Assert.True(backlog > 100, $"the outbox held {backlog} events during the outage");
            Assert.Equal(0, sink.Store.Dropped);
            Assert.True(subscriber.Connects >= 2, "the subscriber reconnected after the restart");
            Assert.Contains(_log.Lines, l => l.Contains("[4055] Outbox drained", StringComparison.Ordinal));
        }
        finally
        {
            output.WriteLine(broker.Log);
            await broker.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
