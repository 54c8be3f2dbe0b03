namespace EdgeStream.Host.Configuration;

/// <summary>Local event sinks besides MQTT (section <c>EdgeStream:Sinks</c>).</summary>
public sealed class SinkOptions
{
    /// <summary>Print one line per event to stdout. Default true.</summary>
    public bool Console { get; set; } = true;

    /// <summary>Append events as JSON Lines to this file (one event per line, flushed per event). Default: none.</summary>
    public string? Jsonl { get; set; }
}
