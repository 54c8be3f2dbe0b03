namespace EdgeStream.Host.Configuration;

/// <summary>
/// What the host needs to know about a stream URI: whether it names a local file (a clip, <c>csv:PATH</c> or a
/// bare .csv path) so relative paths can be resolved and missing files reported at start-up.
/// Cameras (<c>/dev/videoN</c>, <c>v4l2:N</c>), network URLs, <c>pipe:</c> and <c>mqtt:</c> are not files.
/// </summary>
internal static class StreamUri
{
    private const string CsvPrefix = "csv:";

    /// <summary>The local file the URI names, or null when it names something else.</summary>
    public static string? LocalFile(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.StartsWith(CsvPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return uri[CsvPrefix.Length..];
        }

        var notFile = uri.Contains("://", StringComparison.Ordinal)
            || uri.StartsWith("v4l2:", StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("mqtt:", StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("/dev/", StringComparison.Ordinal);
        return notFile || uri.Length == 0 ? null : uri;
    }

    /// <summary>True when the URI is sensor input (CSV replay or an MQTT topic) rather than video.</summary>
    public static bool IsSensor(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.StartsWith(CsvPrefix, StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("mqtt:", StringComparison.OrdinalIgnoreCase)
            || (LocalFile(uri) is { } file && file.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Makes a relative file path in the URI absolute against <paramref name="baseDirectory"/>; other URIs pass through.</summary>
    public static string Resolve(string uri, string baseDirectory)
    {
        var file = LocalFile(uri);
        if (file is null || file.Length == 0 || Path.IsPathRooted(file))
        {
            return uri;
        }

        var full = Path.GetFullPath(file, baseDirectory);
        return uri.StartsWith(CsvPrefix, StringComparison.OrdinalIgnoreCase) ? CsvPrefix + full : full;
    }
}
