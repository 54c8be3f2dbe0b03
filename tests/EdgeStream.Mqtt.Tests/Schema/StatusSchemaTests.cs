using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Core.Sources;
using EdgeStream.Mqtt.Tests.TestSupport;
using Json.Schema;

namespace EdgeStream.Mqtt.Tests.Schema;

/// <summary>The retained payloads (device status, stream status, state) against schemas/status.schema.json, one $defs entry per topic.</summary>
public sealed class StatusSchemaTests
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(Load);

    public static TheoryData<string, string> Valid() => new()
    {
        { "deviceStatus", Json(EventJson.Serialize(Samples.Online("cam1", "pump1") with { Timestamp = Samples.T0 })) },
        { "deviceStatus", Json(EventJson.Serialize(DeviceStatus.Offline("dev1"))) },
        { "streamStatus", Json(EventJson.Serialize(Samples.Status())) },
        { "streamStatus", Json(EventJson.Serialize(Samples.Status(health: StreamHealth.Offline))) },
        { "streamState", Json(EventJson.Serialize(Samples.State())) },
        { "streamState", Json(EventJson.Serialize(new StreamState("dev1", "cam1", null, "walk", 0.2, Samples.T0))) },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Serialize_RetainedPayload_ValidAgainstItsDefinition(string definition, string json)
    {
        using var doc = JsonDocument.Parse(json);

        var result = Schemas.Value[definition].Evaluate(doc.RootElement, Options);

        Assert.True(result.IsValid, EventSchema.Describe(result));
    }

    [Theory]
    [InlineData("deviceStatus", "state", "\"sleeping\"")]
    [InlineData("streamStatus", "health", "\"Online\"")]
    [InlineData("streamStatus", "dropped", "-1")]
    [InlineData("streamState", "timestamp", "\"yesterday\"")]
    [InlineData("streamState", "extra", "1")]
    public void Evaluate_BrokenPayload_Invalid(string definition, string property, string value)
    {
        var sample = definition switch
        {
            "deviceStatus" => EventJson.Serialize(Samples.Online()),
            "streamStatus" => EventJson.Serialize(Samples.Status()),
            _ => EventJson.Serialize(Samples.State()),
        };
        var node = JsonNode.Parse(sample)!.AsObject();
        node[property] = JsonNode.Parse(value);
        using var doc = JsonDocument.Parse(node.ToJsonString());

        var result = Schemas.Value[definition].Evaluate(doc.RootElement, Options);

        Assert.False(result.IsValid, $"{definition} accepted {property} = {value}");
    }

    private static string Json(byte[] utf8) => Encoding.UTF8.GetString(utf8);

    /// <summary>One schema per definition: the file with its root pointed at that definition (and an id of its own).</summary>
    private static Dictionary<string, JsonSchema> Load()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "status.schema.json"));
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var definition in new[] { "deviceStatus", "streamStatus", "streamState" })
        {
            var root = JsonNode.Parse(text)!.AsObject();
            root.Remove("oneOf");
            root["$id"] = $"urn:edgestream:test:{definition}:{Guid.NewGuid():N}";
            root["$ref"] = $"#/$defs/{definition}";
            schemas[definition] = JsonSchema.FromText(root.ToJsonString());
        }

        return schemas;
    }
}
