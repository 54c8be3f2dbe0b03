namespace EdgeStream.Mqtt.Options;

/// <summary>
/// The durable event outbox in front of MQTT (section <c>EdgeStream:Outbox</c>, docs/reliability.md, "The outbox"): every event is committed
/// to a local SQLite file before it is published and deleted only after the broker's PUBACK, so a broker or uplink
/// outage, a crash or a power cut loses nothing. The bounds below are the only way an event is ever dropped: beyond
/// them the oldest events go first, counted and logged. See docs/reliability.md.
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>Where the host binds these options; the key <see cref="OutboxOptionsRules"/> names when no other is given.</summary>
    public const string SectionName = "EdgeStream:Outbox";

    public const string DefaultFileName = "edgestream-outbox.db";

    /// <summary>Put MQTT events behind the outbox. Default true (<c>run</c>); <c>replay</c> publishes directly.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The SQLite file. A relative path resolves against the state folder: <c>$STATE_DIRECTORY</c> (systemd
    /// <c>StateDirectory=</c>), else <c>$XDG_STATE_HOME/edgestream</c>, else <c>~/.local/state/edgestream</c>.
    /// One EdgeStream process per file. Default <c>edgestream-outbox.db</c>.
    /// </summary>
    public string Path { get; set; } = DefaultFileName;

    /// <summary>Most events kept; beyond it the oldest are dropped (down to 99 %, one log line per drop). Default 100000.</summary>
    public int MaxEvents { get; set; } = 100_000;

    /// <summary>Most event payload kept, in MiB; beyond it the oldest are dropped (down to 99 %). Default 256.</summary>
    public double MaxMegabytes { get; set; } = 256;

    /// <summary>Events older than this (hours since they were committed) are dropped: a week covers a long weekend without uplink. Default 168.</summary>
    public double MaxAgeHours { get; set; } = 168;
}
