using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Pipeline;
using EdgeStream.Mqtt.Options;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Configuration;

/// <summary>
/// Checks the bound options (paths already resolved by <see cref="ConfigPaths"/>). Every failure names its
/// key as it appears in the config file, so the operator can find it: <c>EdgeStream:Streams:0:Pacing: 'slow' is not one of realtime, fast</c>.
/// </summary>
internal sealed class EdgeStreamOptionsValidator : IValidateOptions<EdgeStreamOptions>
{
    private const string S = ConfigKeys.Section;

    public ValidateOptionsResult Validate(string? name, EdgeStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!Names.IsTopicSafe(options.Device))
        {
            problems.Add($"{S}:Device: '{options.Device}' must be non-empty and use only letters, digits, '-' and '_' (it is part of MQTT topics)");
        }

        foreach (var (modelName, model) in options.Models)
        {
            ModelOptionsRules.Check($"{S}:Models:{modelName}", model, problems);
        }

        CheckStreams(options, problems);
        CheckPipeline(options.Pipeline, problems);
        MqttOptionsRules.Check($"{S}:Mqtt", options.Mqtt, problems);
        OutboxOptionsRules.Check($"{S}:Outbox", options.Outbox, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void CheckStreams(EdgeStreamOptions options, List<string> problems)
    {
        if (options.Streams.Count == 0)
        {
            problems.Add($"{S}:Streams: no stream is configured; add one with an Id, a Uri and a Model (see the README's configuration section)");
        }

        var manifests = new Dictionary<string, ModelManifest?>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Streams.Count; i++)
        {
            var key = $"{S}:Streams:{i}";
            var stream = options.Streams[i];
            StreamOptionsRules.Check(key, stream, problems);
            if (stream.Id.Length > 0 && !seen.Add(stream.Id))
            {
                problems.Add($"{key}:Id: '{stream.Id}' is used by another stream; stream ids must be unique");
            }

            if (!options.Models.TryGetValue(stream.Model, out var model))
            {
                var known = options.Models.Count == 0 ? "none is configured" : "configured: " + string.Join(", ", options.Models.Keys);
                problems.Add($"{key}:Model: '{stream.Model}' is not a model under {S}:Models ({known})");
            }
            else if (ManifestOf(stream.Model, model, manifests) is { } manifest)
            {
                StreamModelRules.Check(key, stream, manifest, problems);
            }
        }
    }

    private static ModelManifest? ManifestOf(string name, ModelOptions model, Dictionary<string, ModelManifest?> read)
    {
        if (!read.TryGetValue(name, out var manifest))
        {
            manifest = StreamModelRules.TryRead(model.Path);
            read[name] = manifest;
        }

        return manifest;
    }

    private static void CheckPipeline(PipelineOptions pipeline, List<string> problems)
    {
        const string key = S + ":Pipeline";
        Rules.AtLeast($"{key}:StepQueue", pipeline.StepQueue, 1, problems);
        Rules.AtLeast($"{key}:WindowQueue", pipeline.WindowQueue, 1, problems);
        Rules.AtLeast($"{key}:EventQueue", pipeline.EventQueue, 1, problems);
        if (!(pipeline.MaxBatchWaitMs >= 0 && pipeline.MaxBatchWaitMs <= 1000))
        {
            problems.Add($"{key}:MaxBatchWaitMs: {pipeline.MaxBatchWaitMs} must be between 0 and 1000");
        }
    }
}
