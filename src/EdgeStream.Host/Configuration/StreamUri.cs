namespace EdgeStream.Host.Configuration;

/// <summary>
/// What the host needs to know about a stream URI: whether it names a local file (a clip, <c>csv:PATH</c> or a
/// bare .csv path) so relative paths can be resolved and missing files reported at start-up.
/// Cameras (<c>/dev/videoN</c>, <c>v4l2:N</c>), network URLs, <c>pipe:</c> and <c>mqtt:</c> are not files.
/// </summary>
internal static class StreamUri
{
    private const string CsvPrefix = "csv:";

    /// <summary>The local file the URI names (without a sensor URI's <c>?settings</c>), or null when it names something else.</summary>
    public static string? LocalFile(string uri) => Split(uri).File;

    /// <summary>The file part and the rest (<c>csv:</c> prefix, <c>?speed=20</c> query) of a URI naming a local file.</summary>
    private static (string? File, string Prefix, string Query) Split(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var prefix = uri.StartsWith(CsvPrefix, StringComparison.OrdinalIgnoreCase) ? uri[..CsvPrefix.Length] : "";
        var rest = uri[prefix.Length..];

        // Sensor URIs carry settings after the last '?' (the sensor factory's rule).
        var question = rest.LastIndexOf('?');
        var query = "";
        if (question >= 0 && (prefix.Length > 0 || rest[..question].EndsWith(".csv", StringComparison.OrdinalIgnoreCase)))
        {
            query = rest[question..];
            rest = rest[..question];
        }

        return prefix.Length > 0 ? (rest, prefix, query) : (LocalVideoFile(rest), prefix, query);
    }

    private static string? LocalVideoFile(string uri)
    {
        var notFile = uri.Contains("://", StringComparison.Ordinal)
            || uri.StartsWith("v4l2:", StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("mqtt:", StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("/dev/", StringComparison.Ordinal);
        return notFile || uri.Length == 0 ? null : uri;
    }

    /// <summary>Makes a relative file path in the URI absolute against <paramref name="baseDirectory"/>; other URIs pass through.</summary>
    public static string Resolve(string uri, string baseDirectory)
    {
        var (file, prefix, query) = Split(uri);
        if (file is null || file.Length == 0 || Path.IsPathRooted(file))
        {
            return uri;
        }

        return prefix + Path.GetFullPath(file, baseDirectory) + query;
    }
}
