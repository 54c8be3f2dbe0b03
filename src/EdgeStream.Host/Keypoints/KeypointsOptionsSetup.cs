using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Host.Composition;
using EdgeStream.Host.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Keypoints;

/// <summary>
/// Turns the configuration into a keypoint extraction, the way <c>ReplayOptionsSetup</c> turns it into a replay: every
/// clip that exists becomes a stream (fast, no loop) of the chosen model, so clips and model are checked like configured
/// ones; nothing is published. <c>--model</c> names a model under <c>EdgeStream:Models</c>, or a model folder (with
/// manifest.json), which is added under its folder name. The encoder alone is wanted, so the layout is split.
/// </summary>
internal sealed class KeypointsOptionsSetup(string requested, IReadOnlyList<LabelledClip> clips, string currentDirectory) : IPostConfigureOptions<EdgeStreamOptions>
{
    /// <summary>The name under <c>EdgeStream:Models</c> the clips are encoded with (set by <see cref="PostConfigure"/>).</summary>
    public string ModelName { get; private set; } = "";

    public void PostConfigure(string? name, EdgeStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ModelName = Resolve(options);
        options.Models[ModelName].Layout = "split";
        options.Streams = [.. clips.Where(c => File.Exists(c.Path)).Select((c, i) => new StreamOptions
        {
            Id = $"clip{i + 1}",
            Uri = c.Path,
            Model = ModelName,
            Pacing = Pacings.Name(Pacing.Fast),
        })];
        options.Mqtt.Enabled = false;
        options.Outbox.Enabled = false;
        options.Sinks.Console = false;
        options.Sinks.Jsonl = null;
    }

    private string Resolve(EdgeStreamOptions options)
    {
        if (options.Models.ContainsKey(requested))
        {
            return requested;
        }

        var folder = Path.GetFullPath(requested, currentDirectory);
        if (File.Exists(Path.Combine(folder, "manifest.json")))
        {
            var added = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
            options.Models[added] = new ModelOptions { Path = folder };
            return added;
        }

        var known = options.Models.Count == 0 ? "none is configured" : "configured: " + string.Join(", ", options.Models.Keys);
        throw new StartupException($"--model {requested}: neither a model under EdgeStream:Models ({known}) nor a model folder with manifest.json");
    }
}
