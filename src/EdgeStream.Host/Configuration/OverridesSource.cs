namespace EdgeStream.Host.Configuration;

/// <summary>
/// Command-line overrides <c>--set KEY=VALUE</c>. KEY is a path below the EdgeStream section
/// (<c>Device</c>, <c>Streams:0:Pacing</c>); a leading <c>EdgeStream:</c> is accepted too.
/// </summary>
internal static class OverridesSource
{
    public static Dictionary<string, string?> Parse(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ConfigurationException($"--set '{assignment}': expected KEY=VALUE, e.g. --set Streams:0:Pacing=fast");
            }

            var key = assignment[..equals].Trim().Replace("__", ":", StringComparison.Ordinal);
            if (!key.StartsWith(ConfigKeys.Section + ":", StringComparison.OrdinalIgnoreCase))
            {
                key = ConfigKeys.Section + ":" + key;
            }

            values[key] = assignment[(equals + 1)..];
        }

        return values;
    }
}
