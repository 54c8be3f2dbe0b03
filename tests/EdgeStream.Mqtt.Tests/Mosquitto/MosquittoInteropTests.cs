using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Subscribing;
using EdgeStream.Mqtt.Tests.TestSupport;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Mosquitto;

/// <summary>Interoperability with a real Mosquitto broker and the real mosquitto_sub client.</summary>
public sealed class MosquittoInteropTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLog _log = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-mosquitto-").FullName;

    [MosquittoFact]
    public async Task PublishAsync_ThroughMosquitto_MosquittoSubReceivesExactlyTheseEvents()
    {
        await using var broker = await MosquittoBroker.StartAsync(_folder);
        var events = new[] { Samples.Event(1, EventPhase.Start), Samples.Event(2, EventPhase.Update), Samples.Event(3, EventPhase.End) };
        await using var sub = MosquittoSub.Start(broker.Port, "edgestream/dev1/cam1/events", events.Length);
        await broker.WaitForLogAsync(sub.ClientId, "edgestream/dev1/cam1/events");
        var options = new MqttOptions { Broker = $"mqtt://127.0.0.1:{broker.Port}" };

        await using (var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log))
        {
            foreach (var e in events)
            {
                await sink.PublishAsync(e, CancellationToken.None);
            }
        }

        var lines = await sub.MessagesAsync();
        output.WriteLine(sub.Output);
        var expected = events.Select(e => "edgestream/dev1/cam1/events " + System.Text.Encoding.UTF8.GetString(EventJson.Serialize(e)));
        Assert.Equal(expected, lines);
    }

    [MosquittoFact]
    public async Task DeviceStatus_ThroughMosquitto_RetainedOnlineThenOfflineOnShutdown()
    {
        await using var broker = await MosquittoBroker.StartAsync(_folder);
        var options = new MqttOptions { Broker = $"mqtt://127.0.0.1:{broker.Port}" };
        var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log);
        await sink.PublishStatusAsync(Samples.Status(), CancellationToken.None);

        await using (var retained = MosquittoSub.Start(broker.Port, "edgestream/dev1/#", 2, "--retained-only"))
        {
            var lines = await retained.MessagesAsync();
            Assert.Contains(lines, l => l.StartsWith("edgestream/dev1/status ", StringComparison.Ordinal) && l.Contains("\"state\":\"online\"", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("edgestream/dev1/cam1/status ", StringComparison.Ordinal) && l.Contains("\"health\":\"online\"", StringComparison.Ordinal));
        }

        await sink.DisposeAsync();

        await using var after = MosquittoSub.Start(broker.Port, "edgestream/dev1/status", 1, "--retained-only");
        var last = Assert.Single(await after.MessagesAsync());
        Assert.Contains("\"state\":\"offline\"", last, StringComparison.Ordinal);
    }

    [MosquittoFact]
    public async Task Subscriber_ThroughMosquitto_ReceivesEventsFromSink()
    {
        await using var broker = await MosquittoBroker.StartAsync(_folder);
        var options = new MqttOptions { Broker = $"mqtt://127.0.0.1:{broker.Port}" };
        var received = new System.Collections.Concurrent.ConcurrentQueue<SubscriberMessage>();
        await using var subscriber = await EdgeStreamSubscriber.ConnectAsync(options, (m, _) => { received.Enqueue(m); return Task.CompletedTask; }, _log);
        await using var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log);
        var e = Samples.Event(5);

        await sink.PublishAsync(e, CancellationToken.None);

        await Eventually.TrueAsync(() => received.Any(m => m.Event?.Id == e.Id), "the event through mosquitto");
    }

    [MosquittoFact]
    public async Task StartAsync_MosquittoWithPasswordFile_WrongPasswordClearErrorRightPasswordPublishes()
    {
        var passwd = Path.Combine(_folder, "passwd");
        await File.WriteAllTextAsync(passwd, "");
        var tool = Tools.Find("mosquitto_passwd");
        if (tool is null)
        {
            output.WriteLine("SKIPPED: mosquitto_passwd not on PATH (package mosquitto)");
            return;
        }

        using (var p = System.Diagnostics.Process.Start(tool, ["-b", passwd, "edge", "right-secret"]))
        {
            await p.WaitForExitAsync();
            Assert.Equal(0, p.ExitCode);
        }

        await using var broker = await MosquittoBroker.StartAsync(_folder, "allow_anonymous false", $"password_file {passwd}");
        var wrong = new MqttOptions { Broker = $"mqtt://127.0.0.1:{broker.Port}", Username = "edge", Password = "wrong-secret" };

        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => MqttEventSink.StartAsync(wrong, Samples.Online(), _log));
        output.WriteLine(ex.Message);
        Assert.True(ex.IsPermanent);
        Assert.Contains("EdgeStream:Mqtt:Username", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);

        var right = new MqttOptions { Broker = wrong.Broker, Username = "edge", Password = "right-secret" };
        await using var sink = await MqttEventSink.StartAsync(right, Samples.Online(), _log);
        await sink.PublishAsync(Samples.Event(1), CancellationToken.None);
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
