using EdgeStream.Core.Pipeline;
using EdgeStream.Mqtt.Options;

namespace EdgeStream.Host.Configuration;

/// <summary>
/// The whole configuration (section "EdgeStream" of the JSON config, EDGESTREAM__ environment
/// variables, command-line overrides). Every property documents its default; the host validates
/// the bound object at start-up and rejects unknown keys.
/// </summary>
public sealed class EdgeStreamOptions
{
    public const string SectionName = "EdgeStream";

    /// <summary>Device id used in topics and events. Default: the host name.</summary>
    public string Device { get; set; } = Environment.MachineName.ToLowerInvariant();

    /// <summary>Models by name (referenced by streams). Default: none; the bundled config names "action" and "anomaly".</summary>
    public Dictionary<string, ModelOptions> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The streams to run.</summary>
    public List<StreamOptions> Streams { get; set; } = [];

    public PipelineOptions Pipeline { get; set; } = new();

    /// <summary>MQTT publishing: embedded broker by default, or an external one.</summary>
    public MqttOptions Mqtt { get; set; } = new();

    /// <summary>The durable SQLite outbox in front of MQTT (on by default).</summary>
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>Console and JSONL sinks.</summary>
    public SinkOptions Sinks { get; set; } = new();
}
