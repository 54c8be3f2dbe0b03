using System.Diagnostics;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Tests.TestSupport;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Faults;

/// <summary>
/// A real Mosquitto whose ACL denies the events topic (MQTT 5: the PUBACK carries NotAuthorized): the outbox keeps the
/// events, retries and says why; once the ACL is fixed (SIGHUP reloads it, as <c>systemctl reload mosquitto</c>) they arrive in order.
/// </summary>
public sealed class BrokerRefusesTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLog _log = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-acl-").FullName;

    private string Acl => Path.Combine(_folder, "acl");

    [MosquittoFact]
    public async Task PublishDeniedByAcl_EventsKeptAndRetriedThenDeliveredInOrderOnceAllowed()
    {
        await File.WriteAllLinesAsync(Acl, ["topic readwrite edgestream/dev1/status", "topic read edgestream/#"]);
        await using var broker = await MosquittoBroker.StartAsync(_folder, FreePort.Next(), persistent: false, $"acl_file {Acl}");
        await using var subscriber = await PersistentSubscriber.StartAsync(broker.Port, "edgestream/dev1/+/events");
        var options = new MqttOptions { Broker = $"mqtt://127.0.0.1:{broker.Port}", ReconnectMinSeconds = 0.2, ReconnectMaxSeconds = 0.5 };
        var link = await MqttDeviceLink.StartAsync(options, Samples.Online(), _log);
        await using var sink = OutboxEventSink.Start(link, new OutboxOptions(), Path.Combine(_folder, "outbox.db"), _log);
        var stream = new EventStream(sink, "cam1");
        for (var i = 0; i < 5; i++)
        {
            await stream.ProduceRoundAsync();
        }

        await Eventually.TrueAsync(() => _log.Lines.Count(l => l.Contains("[4054]", StringComparison.Ordinal) && l.Contains("NotAuthorized", StringComparison.Ordinal)) >= 2, "retried refusals, logged with the reason");
        Assert.Equal(5, sink.Store.Count);
        Assert.Empty(subscriber.Events);

        await File.WriteAllLinesAsync(Acl, ["topic readwrite edgestream/#"]);
        using (var reload = Process.Start("kill", ["-HUP", broker.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await reload.WaitForExitAsync();
        }

        await subscriber.WaitForAllAsync([.. stream.Produced.Select(e => e.Id)]);
        DeliveryAssert.AtLeastOnceInOrder(stream.Produced, subscriber.Events);
        await Eventually.TrueAsync(() => sink.Store.Count == 0, "the outbox empties");
        Assert.Equal(0, sink.Store.Dropped);
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
