using System.Collections;

namespace EdgeStream.Host.Configuration;

/// <summary>
/// Maps <c>EDGESTREAM__A__B=value</c> to the key <c>EdgeStream:A:B</c>. Only variables with that prefix are read,
/// so the rest of the environment never reaches the unknown-key check.
/// </summary>
internal static class EnvironmentVariablesSource
{
    public const string Prefix = "EDGESTREAM__";

    public static Dictionary<string, string?> Read(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && name.Length > Prefix.Length)
            {
                var path = name[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal);
                values[ConfigKeys.Section + ":" + path] = entry.Value as string;
            }
        }

        return values;
    }
}
