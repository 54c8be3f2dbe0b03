using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.RealVideo;

/// <summary>
/// The camera model the real clips are replayed with: <c>EDGESTREAM_REAL_MODEL</c>, a folder name under
/// <c>models/</c> (default <c>pose</c>) or a model folder's path.
/// </summary>
internal sealed record RealModel(string Name, string Folder)
{
    public const string Variable = "EDGESTREAM_REAL_MODEL";

    public const string DefaultName = "pose";

    /// <summary>Background labels that never start an event, the way the bundled config ignores <c>idle</c>.</summary>
    private static readonly string[] BackgroundLabels = ["other", "idle"];

    public static RealModel Selected { get; } = From(Environment.GetEnvironmentVariable(Variable));

    /// <summary>Why the model cannot be used yet (its folder or manifest is missing), or null.</summary>
    public string? WhyMissing => File.Exists(System.IO.Path.Combine(Folder, "manifest.json")) ? null
        : $"model folder {Folder} (with manifest.json) does not exist yet; {Variable}=action checks the harness with the pixel model";

    public static RealModel From(string? value)
    {
        var name = string.IsNullOrWhiteSpace(value) ? DefaultName : value.Trim();
        var folder = name.Contains('/', StringComparison.Ordinal) || System.IO.Path.IsPathRooted(name)
            ? System.IO.Path.GetFullPath(name, TestEnvironment.RepoRoot)
            : System.IO.Path.Combine(TestEnvironment.RepoRoot, "models", name);
        return new RealModel(System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(folder)), folder);
    }

    /// <summary>
    /// The configuration arguments of <c>edgestream replay</c>. When the bundled appsettings.json names this model
    /// (a <c>Models</c> entry with <c>Path</c> <c>models/NAME</c>), that config and entry, exactly as a user replays
    /// with the defaults; otherwise a config (written into <paramref name="folder"/>) naming only this model, with
    /// its background label (<c>other</c> or <c>idle</c>, if the manifest has one) as <c>IgnoredLabels</c>.
    /// </summary>
    public IReadOnlyList<string> ConfigArguments(string folder)
    {
        if (BundledEntry() is { } entry)
        {
            return ["--config", TestEnvironment.BundledConfig, "--action-model", entry];
        }

        var labels = ManifestLoader.Load(Folder, verifyFiles: false).Labels;
        var ignored = new JsonArray([.. BackgroundLabels.Where(labels.Contains).Take(1).Select(l => (JsonNode)l)]);
        var model = new JsonObject { ["Path"] = Folder, ["IgnoredLabels"] = ignored };
        var config = new JsonObject
        {
            ["EdgeStream"] = new JsonObject
            {
                ["Models"] = new JsonObject { [Name] = model },
                ["Mqtt"] = new JsonObject { ["Enabled"] = false },
            },
        };
        var path = System.IO.Path.Combine(folder, "edgestream.json");
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return ["--config", path, "--action-model", Name];
    }

    /// <summary>How the table names the configuration used.</summary>
    public string ConfigDescription => BundledEntry() is { } entry
        ? $"the bundled appsettings.json, model entry `{entry}`"
        : $"a config naming only `{System.IO.Path.GetRelativePath(TestEnvironment.RepoRoot, Folder)}`";

    private string? BundledEntry()
    {
        var root = JsonNode.Parse(File.ReadAllText(TestEnvironment.BundledConfig));
        if (root?["EdgeStream"]?["Models"] is not JsonObject models
            || !string.Equals(System.IO.Path.GetFullPath(Folder), System.IO.Path.Combine(TestEnvironment.RepoRoot, "models", Name), StringComparison.Ordinal))
        {
            return null;
        }

        return models.FirstOrDefault(m => m.Value?["Path"]?.GetValue<string>() is { } path
            && path.Replace('\\', '/').TrimStart('.', '/').TrimEnd('/') == $"models/{Name}").Key;
    }
}
