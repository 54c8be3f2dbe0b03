using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace EdgeStream.Mqtt.Tests.Schema;

/// <summary>schemas/event.schema.json (copied next to the tests from the repo root), with format checks on.</summary>
internal static class EventSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromFile(Path.Combine(AppContext.BaseDirectory, "schemas", "event.schema.json")));

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static EvaluationResults Evaluate(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return Schema.Value.Evaluate(doc.RootElement, Options);
    }

    public static EvaluationResults Evaluate(JsonNode node) => Evaluate(node.ToJsonString());

    public static string Describe(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")));
}
