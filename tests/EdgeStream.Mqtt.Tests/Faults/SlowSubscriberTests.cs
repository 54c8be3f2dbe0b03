using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Tests.TestSupport;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Faults;

/// <summary>
/// A burst of events faster than a slow subscriber takes them (its PUBACKs to the broker wait for its handler): the broker
/// queues for the subscriber; on EdgeStream's side whatever is not yet acknowledged waits on disk, not in memory, so the
/// managed heap stays flat (the test's own bookkeeping is a few hundred bytes per event), and no event is lost.
/// </summary>
public sealed class SlowSubscriberTests(ITestOutputHelper output) : IDisposable
{
    private const int Burst = 6000;
    private readonly TestLog _log = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-slow-").FullName;

    [MosquittoFact]
    public async Task BurstWithASlowSubscriber_HeapStaysBoundedAndEveryEventArrives()
    {
        await using var broker = await MosquittoBroker.StartAsync(_folder, FreePort.Next(), persistent: true);
        await using var subscriber = await PersistentSubscriber.StartAsync(broker.Port, "edgestream/dev1/+/events", TimeSpan.FromMilliseconds(1));
        var options = new MqttOptions { Broker = $"mqtt://127.0.0.1:{broker.Port}" };
        var link = await MqttDeviceLink.StartAsync(options, Samples.Online("cam1", "cam2"), _log);
        await using var sink = OutboxEventSink.Start(link, new OutboxOptions { MaxEvents = Burst * 2 }, Path.Combine(_folder, "outbox.db"), _log);
        var stream = new EventStream(sink, "cam1", "cam2") { Interval = TimeSpan.Zero };
        await stream.ProduceRoundAsync();
        var before = Heap();

        long peakHeap = 0;
        long peakBacklog = 0;
        for (var i = 0; i < Burst / 2; i++)
        {
            await stream.ProduceRoundAsync();
            if (i % 500 == 0)
            {
                peakHeap = Math.Max(peakHeap, Heap());
                peakBacklog = Math.Max(peakBacklog, sink.Store.Count);
            }
        }

        peakBacklog = Math.Max(peakBacklog, sink.Store.Count);
        await subscriber.WaitForAllAsync([.. stream.Produced.Select(e => e.Id)], TimeSpan.FromSeconds(180));
        DeliveryAssert.AtLeastOnceInOrder(stream.Produced, subscriber.Events);

        var growth = (peakHeap - before) / (1024.0 * 1024);
        output.WriteLine($"{stream.Produced.Count} events; peak outbox backlog {peakBacklog}; heap before {before / 1024} KiB, peak growth {growth:0.0} MiB");
        Assert.True(growth < 8, $"managed heap grew {growth:0.0} MiB during a burst of {Burst} events (the backlog belongs on disk)");
        Assert.Equal(0, sink.Store.Dropped);
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static long Heap() => GC.GetTotalMemory(forceFullCollection: true);
}
