namespace EdgeStream.Sensors.Factory;

/// <summary>What a sensor stream URI names.</summary>
public enum SensorUriKind
{
    /// <summary><c>csv:PATH</c> or a path ending in <c>.csv</c>.</summary>
    Csv,

    /// <summary><c>mqtt:TOPIC</c>.</summary>
    Mqtt,
}

/// <summary>
/// A parsed sensor stream URI: <c>csv:PATH</c>, <c>PATH.csv</c> or <c>mqtt:TOPIC</c>, each optionally followed by
/// <c>?key=value&amp;...</c> settings (csv: speed, pacing, loop, channels, timestamp; mqtt: format, channels).
/// </summary>
public sealed record SensorUri(SensorUriKind Kind, string Target, IReadOnlyDictionary<string, string> Settings)
{
    private static readonly string[] CsvKeys = ["speed", "pacing", "loop", "channels", "timestamp"];
    private static readonly string[] MqttKeys = ["format", "channels"];

    /// <summary>True when <paramref name="uri"/> names a sensor source (the host tries this before the video factory).</summary>
    public static bool IsSensorUri(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return false;
        }

        return uri.StartsWith("csv:", StringComparison.OrdinalIgnoreCase)
            || uri.StartsWith("mqtt:", StringComparison.OrdinalIgnoreCase)
            || StripQuery(uri).EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses <paramref name="uri"/>; throws <see cref="ArgumentException"/> naming the bad part.</summary>
    public static SensorUri Parse(string uri)
    {
        if (!IsSensorUri(uri))
        {
            throw new ArgumentException($"'{uri}' is not a sensor URI (csv:PATH, PATH.csv or mqtt:TOPIC).", nameof(uri));
        }

        var (kind, rest) = uri.StartsWith("mqtt:", StringComparison.OrdinalIgnoreCase) ? (SensorUriKind.Mqtt, uri[5..])
            : uri.StartsWith("csv:", StringComparison.OrdinalIgnoreCase) ? (SensorUriKind.Csv, uri[4..])
            : (SensorUriKind.Csv, uri);

        // A file whose name really contains '?' is taken whole.
        var query = rest.LastIndexOf('?');
        var keepWhole = query < 0 || (kind == SensorUriKind.Csv && File.Exists(rest));
        var target = keepWhole ? rest : rest[..query];
        var settings = keepWhole ? new Dictionary<string, string>() : ParseQuery(uri, rest[(query + 1)..], kind == SensorUriKind.Csv ? CsvKeys : MqttKeys);
        if (target.Length == 0)
        {
            throw new ArgumentException($"'{uri}' names no {(kind == SensorUriKind.Csv ? "file" : "topic")}.", nameof(uri));
        }

        if (kind == SensorUriKind.Mqtt && target.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{uri}': sensor topics use the broker of EdgeStream:Mqtt; write mqtt:TOPIC (the broker is not part of a sensor URI).", nameof(uri));
        }

        return new SensorUri(kind, target, settings);
    }

    private static Dictionary<string, string> ParseQuery(string uri, string query, string[] allowed)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).Trim();
            if (!allowed.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"'{uri}': unknown setting '{key}' (allowed: {string.Join(", ", allowed)}).", nameof(uri));
            }

            settings[key] = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]).Trim();
        }

        return settings;
    }

    private static string StripQuery(string uri)
    {
        var q = uri.LastIndexOf('?');
        return q < 0 ? uri : uri[..q];
    }
}
