using EdgeStream.Core.Pipeline;
using EdgeStream.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace EdgeStream.Host.Replay;

/// <summary>
/// <c>--set Streams:N:KEY=VALUE</c> in a replay: the files are the streams (the first file is stream 0, in the
/// order given), so the same keys as <c>run</c> tune them (<c>Threshold</c>, <c>MaxGapSeconds</c>, <c>Stride</c>,
/// ...). Only the command line's values count here: the config file's <c>Streams</c> describe its cameras and
/// sensors, which a replay replaces. A key for a stream the replay does not have, or for what the file decides
/// (<c>Id</c>, <c>Uri</c>), is refused rather than ignored (it used to be ignored, silently).
/// </summary>
internal static class ReplayStreamOverrides
{
    private static readonly string Prefix = ConfigKeys.Section + ":Streams:";

    private static readonly string[] FromTheFile = ["Id", "Uri"];

    public static void Apply(IReadOnlyList<string> assignments, IList<StreamOptions> streams)
    {
        var byStream = new Dictionary<int, Dictionary<string, string?>>();
        foreach (var (key, value) in OverridesSource.Parse(assignments))
        {
            if (!key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = key[Prefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !int.TryParse(rest[..colon], out var index) || index < 0)
            {
                throw new ConfigurationException($"--set {key[(ConfigKeys.Section.Length + 1)..]}: expected Streams:N:KEY, N the file's position (0 for the first file)");
            }

            if (index >= streams.Count)
            {
                throw new ConfigurationException($"--set Streams:{index}:...: this replay has {streams.Count} stream(s), one per file in the order given (Streams:0 is the first file)");
            }

            var setting = rest[(colon + 1)..];
            if (FromTheFile.Contains(setting.Split(':')[0], StringComparer.OrdinalIgnoreCase))
            {
                throw new ConfigurationException($"--set Streams:{index}:{setting}: a replay takes each stream's {setting} from its file; give another file instead");
            }

            if (!byStream.TryGetValue(index, out var settings))
            {
                byStream[index] = settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            }

            settings[setting] = value;
        }

        foreach (var (index, settings) in byStream)
        {
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build().Bind(streams[index]);
        }
    }
}
