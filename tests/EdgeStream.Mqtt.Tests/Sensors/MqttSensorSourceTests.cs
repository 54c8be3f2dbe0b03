using EdgeStream.Core.Sources;
using EdgeStream.Mqtt.Sensors;
using EdgeStream.Mqtt.Tests.TestSupport;
using EdgeStream.Sensors;
using EdgeStream.Sensors.Payloads;
using EdgeStream.TestSupport.Sensors;

namespace EdgeStream.Mqtt.Tests.Sensors;

/// <summary>The MQTT sensor source against MQTTnet's real broker on 127.0.0.1.</summary>
public sealed class MqttSensorSourceTests
{
    private const string Topic = "plant/pump1/samples";

    [Fact]
    public async Task RunAsync_JsonAndCsvPayloads_GoodSamplesFlowBadOnesRejectedAndCounted()
    {
        await using var broker = await TestBroker.StartAsync();
        var writer = new RecordingWriter(2);
        var source = new MqttSensorSource("pump1", new MqttSensorOptions { Topic = Topic, Channels = ["temp", "flow"] }, broker.Settings());
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);
        await writer.WaitUntilAsync(w => w.Health.Any(h => h.Health == StreamHealth.Online), "the subscription");

        string[] payloads =
        [
            """{"ts": "2024-01-01T00:00:00Z", "values": [1.5, 10]}""",         // 1 ok
            """{"ts": "2024-01-01T00:00:01Z", "values": [1.5""",               // 2 malformed JSON
            """{"ts": "2024-01-01T00:00:01Z", "values": [1, "NaN"]}""",        // 3 NaN
            """{"ts": "2024-01-01T00:00:01Z", "values": [1, 2, 3]}""",         // 4 wrong arity
            """{"timestamp": 1704067202, "temp": 2.5, "flow": 11}""",          // 5 ok, by name, unix seconds
            """{"timestamp": "2024-01-01T00:00:03Z", "temp": 3}""",            // 6 missing channel
            "2024-01-01T00:00:04Z,4.5,12",                                     // 7 ok, CSV with timestamp
            "2024-01-01T00:00:04Z,4.5,12",                                     // 8 duplicate timestamp
            "1,2,3,4",                                                         // 9 wrong field count
            """[{"ts": 1704067300, "values": [6, 14]}, {"ts": 1704067200, "values": [0, 0]}]""", // 10: ok + out of order
            "5.5;13",                                                          // 11 ok, CSV stamped on receipt
            "",                                                                // 12 empty
        ];
        foreach (var payload in payloads)
        {
            await broker.PublishAsync(Topic, payload);
        }

        await writer.WaitUntilAsync(w => w.Written + w.Rejects.Count == 13, "all 13 samples of the 12 messages");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([[1.5f, 10f], [2.5f, 11f], [4.5f, 12f], [6f, 14f], [5.5f, 13f]], writer.Steps.Select(s => s.Values));
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal([t0, t0.AddSeconds(2), t0.AddSeconds(4), t0.AddSeconds(100)], writer.Steps.Take(4).Select(s => s.Timestamp));
        Assert.True(writer.Steps[4].Timestamp > DateTimeOffset.UtcNow.AddDays(-1), "a bare CSV sample is stamped on receipt");
        var rejects = writer.Rejects;
        Assert.Equal(8, rejects.Count);
        Assert.StartsWith($"message 2 on '{Topic}': malformed JSON: ", rejects[0], StringComparison.Ordinal);
        Assert.Equal(
            [
                $"message 3 on '{Topic}': channel 'flow' is NaN",
                $"message 4 on '{Topic}': expected 2 channel values, got 3",
                $"message 6 on '{Topic}': missing channel 'flow' (expected 'values' or the channels temp, flow)",
                $"message 8 on '{Topic}': duplicate timestamp 2024-01-01T00:00:04Z (same as the previous sample)",
                $"message 9 on '{Topic}': expected 2 values, or a timestamp and 2 values, got 4 fields",
            ],
            rejects.Skip(1).Take(5));
        Assert.StartsWith($"message 10 on '{Topic}' sample 1: timestamp 2024-01-01T00:00:00Z is before", rejects[6], StringComparison.Ordinal);
        Assert.Equal($"message 12 on '{Topic}': empty payload", rejects[7]);
        Assert.Equal(12, source.Messages);
        Assert.Equal(0, writer.Outstanding);
    }

    [Fact]
    public async Task RunAsync_FormatJsonForced_CsvPayloadRejectedAsMalformed()
    {
        await using var broker = await TestBroker.StartAsync();
        var writer = new RecordingWriter(1);
        var source = new MqttSensorSource("s", new MqttSensorOptions { Topic = Topic, Format = SensorPayloadFormat.Json }, broker.Settings());
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);
        await writer.WaitUntilAsync(w => w.Health.Any(h => h.Health == StreamHealth.Online), "the subscription");

        await broker.PublishAsync(Topic, "2024-01-01T00:00:00Z,1.5");
        await broker.PublishAsync(Topic, "{\"values\": [2.5]}");
        await writer.WaitUntilAsync(w => w.Written == 1 && w.Rejects.Count == 1, "one sample and one reject");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2.5f, writer.Steps[0].Values[0]);
        Assert.StartsWith($"message 1 on '{Topic}': malformed JSON", writer.Rejects[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PayloadOverTheLimit_RefusedWholeAndCountedTheNextOneTaken()
    {
        await using var broker = await TestBroker.StartAsync();
        var writer = new RecordingWriter(1);
        var source = new MqttSensorSource("s", new MqttSensorOptions { Topic = Topic, MaxPayloadBytes = 200 }, broker.Settings());
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);
        await writer.WaitUntilAsync(w => w.Health.Any(h => h.Health == StreamHealth.Online), "the subscription");

        var burst = "[" + string.Join(", ", Enumerable.Range(0, 30).Select(i => $"{{\"ts\": {1704067200 + i}, \"values\": [{i}]}}")) + "]";
        await broker.PublishAsync(Topic, burst);
        await broker.PublishAsync(Topic, """{"ts": 1704067300, "values": [7]}""");
        await writer.WaitUntilAsync(w => w.Written == 1 && w.Rejects.Count == 1, "the small message's sample and one reject");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(7f, writer.Steps[0].Values[0]); // none of the 30 samples of the refused message
        Assert.Equal($"message 1 on '{Topic}': payload of {burst.Length} bytes is over the limit of 200 (EdgeStream:Mqtt:MaxPayloadBytes); refused whole", writer.Rejects[0]);
    }

    [Fact]
    public async Task RunAsync_BrokerLostAndBack_ReportsOfflineThenResubscribesAndSamplesFlowAgain()
    {
        var broker = await TestBroker.StartAsync();
        var port = broker.Port;
        var writer = new RecordingWriter(1);
        var options = new MqttSensorOptions { Topic = Topic, HealthInterval = TimeSpan.FromMilliseconds(100) };
        var source = new MqttSensorSource("s", options, broker.Settings());
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);
        await writer.WaitUntilAsync(w => w.Health.Any(h => h.Health == StreamHealth.Online), "the first subscription");
        await broker.PublishAsync(Topic, "1");
        await writer.WaitUntilAsync(w => w.Written == 1, "the first sample");

        await broker.DisposeAsync();
        await writer.WaitUntilAsync(w => w.Health[^1].Health == StreamHealth.Offline, "the stream reported offline");
        await using var again = await TestBroker.StartAsync(port);
        await writer.WaitUntilAsync(w => w.Health.Count(h => h.Health == StreamHealth.Online) == 2, "the resubscription");
        await again.PublishAsync(Topic, "2");
        await writer.WaitUntilAsync(w => w.Written == 2, "a sample after the reconnect");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([1f, 2f], writer.Steps.Select(s => s.Values[0]));
        Assert.Contains(writer.Health, h => h.Health == StreamHealth.Offline && h.Reason!.StartsWith("lost broker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_BrokerNotUpYet_OfflineUntilItStartsThenSubscribes()
    {
        // A port that was free a moment ago: start a broker to learn one, then stop it.
        var probe = await TestBroker.StartAsync();
        var port = probe.Port;
        var settings = probe.Settings();
        await probe.DisposeAsync();
        var writer = new RecordingWriter(1);
        var source = new MqttSensorSource("s", new MqttSensorOptions { Topic = Topic }, settings);
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);
        await writer.WaitUntilAsync(w => w.Health.Count > 0, "the first status");

        Assert.Equal((StreamHealth.Offline, $"connecting to mqtt://127.0.0.1:{port}"), writer.Health[0]);
        await using var broker = await TestBroker.StartAsync(port);
        await writer.WaitUntilAsync(w => w.Health.Any(h => h.Health == StreamHealth.Online), "the subscription once the broker is up");
        await broker.PublishAsync(Topic, "{\"values\": [7]}");
        await writer.WaitUntilAsync(w => w.Written == 1, "the sample");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(7f, writer.Steps[0].Values[0]);
    }

    [Fact]
    public async Task RunAsync_ChannelNamesNotTheStreamsCount_Throws()
    {
        await using var broker = await TestBroker.StartAsync();
        var source = new MqttSensorSource("s", new MqttSensorOptions { Topic = Topic, Channels = ["a", "b"] }, broker.Settings());

        var ex = await Assert.ThrowsAsync<SensorSourceException>(() => source.RunAsync(new RecordingWriter(3), CancellationToken.None));

        Assert.Equal($"MQTT topic '{Topic}' is configured with 2 channels (a, b) but stream 's' takes 3.", ex.Message);
    }
}
