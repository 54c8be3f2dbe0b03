using System.Text;

namespace EdgeStream.Host.Replay;

/// <summary>One file to replay: its stream id (from the file name), whether it is sensor data, and its size in steps if known.</summary>
internal sealed record ReplayInput(string Path, string StreamId, bool IsSensor)
{
    public static IReadOnlyList<ReplayInput> From(IEnumerable<string> paths, string currentDirectory)
    {
        var inputs = new List<ReplayInput>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = System.IO.Path.GetFullPath(path, currentDirectory);
            var id = UniqueId(TopicSafe(System.IO.Path.GetFileNameWithoutExtension(full)), ids);
            inputs.Add(new ReplayInput(full, id, full.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)));
        }

        return inputs;
    }

    /// <summary>The stream URI the sources understand.</summary>
    public string Uri => IsSensor ? "csv:" + Path : Path;

    private static string TopicSafe(string name)
    {
        var id = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            id.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return id.Length == 0 ? "stream" : id.ToString();
    }

    private static string UniqueId(string id, HashSet<string> taken)
    {
        var candidate = id;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = $"{id}-{n}";
        }

        return candidate;
    }
}
