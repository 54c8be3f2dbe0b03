using System.Text;
using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Host.Replay;
using EdgeStream.Host.Tests.Replay;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.EndToEnd;

/// <summary>
/// Replay publishes to a real Mosquitto (started here on a free port) and a real <c>mosquitto_sub</c> receives
/// exactly the events replay produced: same ids, same order, nothing more, fall start and end among them.
/// </summary>
public sealed class MosquittoReplayTests(ITestOutputHelper output)
{
    [MosquittoFact]
    public async Task Replay_ToMosquitto_SubscriberReceivesExactlyTheReplayedEvents()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        using var sub = await broker.SubscribeAsync("edgestream/e2e/#");
        var clip = Path.Combine(TestEnvironment.Clips, "fall.mp4");
        var csv = Path.Combine(TestEnvironment.Sensors, "pump_8ch_anomalies.csv");

        var result = await ReplayHarness.RunAsync(new ReplayRequest([clip, csv]) { Broker = broker.Uri, Device = "e2e", ActionModel = "action" });

        // The device's retained offline status is published last, on shutdown: once it is here, every event is too.
        await sub.WaitForLineAsync(l => l.StartsWith("edgestream/e2e/status ", StringComparison.Ordinal) && l.Contains("\"offline\"", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
        var received = sub.Stdout
            .Where(l => l.StartsWith("edgestream/e2e/", StringComparison.Ordinal) && l.Split(' ', 2)[0].EndsWith("/events", StringComparison.Ordinal))
            .Select(l => (Topic: l.Split(' ', 2)[0], Event: EventJson.DeserializeEvent(Encoding.UTF8.GetBytes(l.Split(' ', 2)[1]))))
            .ToList();
        output.WriteLine(string.Join('\n', received.Select(r => $"{r.Topic} {r.Event.Phase} {r.Event.Label}")));

        Assert.NotEmpty(result.Events);
        Assert.Equal(result.Events.Select(e => e.Id).Order(), received.Select(r => r.Event.Id).Order());
        foreach (var stream in result.Streams)
        {
            Assert.Equal(
                result.Events.Where(e => e.Stream == stream.Stream).Select(e => e.Id),
                received.Where(r => r.Topic == $"edgestream/e2e/{stream.Stream}/events").Select(r => r.Event.Id));
        }

        var fall = received.Where(r => r.Event.Label == "fall").Select(r => r.Event.Phase).ToList();
        Assert.Contains(EventPhase.Start, fall);
        Assert.Contains(EventPhase.End, fall);
    }
}
