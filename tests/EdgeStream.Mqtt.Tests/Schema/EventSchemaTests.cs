using System.Text;
using System.Text.Json.Nodes;
using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Core.Events.Sinks;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Tests.TestSupport;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Schema;

/// <summary>Emitted events (serializer, MQTT payload, JSONL line) against the JSON Schema in the repo, and what it must reject.</summary>
public sealed class EventSchemaTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(EventPhase.Start)]
    [InlineData(EventPhase.Update)]
    [InlineData(EventPhase.End)]
    public void Serialize_EveryPhase_ValidAgainstSchema(EventPhase phase)
    {
        var json = Encoding.UTF8.GetString(EventJson.Serialize(Samples.Event(3, phase)));

        var result = EventSchema.Evaluate(json);

        Assert.True(result.IsValid, EventSchema.Describe(result));
    }

    [Fact]
    public void Serialize_AnomalyWithoutAttentionOrTopK_ValidAgainstSchema()
    {
        var e = Samples.Event(1, label: "anomaly", score: 3.4) with { Type = EventType.Anomaly, Attention = null, TopK = [] };

        var result = EventSchema.Evaluate(Encoding.UTF8.GetString(EventJson.Serialize(e)));

        Assert.True(result.IsValid, EventSchema.Describe(result));
    }

    [Fact]
    public async Task MqttPayloadAndJsonlLine_SameEvent_BothValidAndIdentical()
    {
        using var log = new TestLog(output);
        await using var sink = await MqttEventSink.StartAsync(new MqttOptions { EmbeddedPort = 0 }, Samples.Online(), log);
        await using var probe = await MqttProbe.StartAsync(sink.Broker!.Port, "edgestream/dev1/+/events");
        var path = Path.Combine(Path.GetTempPath(), $"schema-{Guid.NewGuid():N}.jsonl");
        var e = Samples.Event(9, EventPhase.End);
        await using (var jsonl = JsonlEventSink.Open(path))
        {
            await jsonl.PublishAsync(e, CancellationToken.None);
        }

        await sink.PublishAsync(e, CancellationToken.None);
        var payload = (await probe.NextAsync()).Text;
        var line = Assert.Single(await File.ReadAllLinesAsync(path));
        File.Delete(path);

        Assert.Equal(payload, line);
        var result = EventSchema.Evaluate(payload);
        Assert.True(result.IsValid, EventSchema.Describe(result));
    }

    [Theory]
    [InlineData("remove id", "id", null)]
    [InlineData("remove window", "window", null)]
    [InlineData("phase not in enum", "phase", "\"begin\"")]
    [InlineData("type in PascalCase", "type", "\"Action\"")]
    [InlineData("id not a uuid", "id", "\"event-1\"")]
    [InlineData("timestamp not ISO-8601", "timestamp", "\"01/03/2025 12:00:01\"")]
    [InlineData("sequence negative", "sequence", "-1")]
    [InlineData("score as string", "score", "\"0.97\"")]
    [InlineData("schema version 2", "schemaVersion", "\"2.0\"")]
    [InlineData("unknown property", "colour", "\"red\"")]
    [InlineData("stream with slash", "stream", "\"cam/1\"")]
    public void Evaluate_BrokenEvent_Invalid(string why, string property, string? value)
    {
        var node = JsonNode.Parse(EventJson.Serialize(Samples.Event(1)))!.AsObject();
        if (value is null)
        {
            node.Remove(property);
        }
        else
        {
            node[property] = JsonNode.Parse(value);
        }

        var result = EventSchema.Evaluate(node);

        Assert.False(result.IsValid, $"schema accepted an event with {why}");
    }

    [Theory]
    [InlineData("window", "framesUsed", "0")]
    [InlineData("model", "sha256", "\"not-a-hash\"")]
    [InlineData("latency", "inferenceMs", "-1")]
    [InlineData("attention", "weights", "[1.5]")]
    public void Evaluate_BrokenNestedField_Invalid(string parent, string property, string value)
    {
        var node = JsonNode.Parse(EventJson.Serialize(Samples.Event(1)))!.AsObject();
        node[parent]![property] = JsonNode.Parse(value);

        var result = EventSchema.Evaluate(node);

        Assert.False(result.IsValid, $"schema accepted {parent}.{property} = {value}");
    }

    [Fact]
    public void Schema_EveryEventProperty_IsDocumented()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "event.schema.json")))!;
        var properties = schema["properties"]!.AsObject();
        var emitted = JsonNode.Parse(EventJson.Serialize(Samples.Event(1, EventPhase.End)))!.AsObject();

        Assert.All(emitted, p => Assert.NotNull(properties[p.Key]?["description"]));
        Assert.Equal(DetectionEvent.CurrentSchemaVersion, emitted["schemaVersion"]!.GetValue<string>());
    }
}
