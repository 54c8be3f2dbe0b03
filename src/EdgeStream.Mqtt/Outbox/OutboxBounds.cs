using EdgeStream.Mqtt.Options;

namespace EdgeStream.Mqtt.Outbox;

/// <summary>The only limits under which events are dropped (oldest first, counted, logged); see <see cref="OutboxOptions"/>.</summary>
public sealed record OutboxBounds(long MaxEvents, long MaxBytes, TimeSpan MaxAge)
{
    public static OutboxBounds From(OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OutboxBounds(options.MaxEvents, (long)(options.MaxMegabytes * 1024 * 1024), TimeSpan.FromHours(options.MaxAgeHours));
    }

    /// <summary>After a drop the outbox keeps this many events: 1 % below the bound, so a full outbox logs once per 1 % of it rather than per event.</summary>
    public long EventsAfterDrop => MaxEvents - (MaxEvents / 100);

    public long BytesAfterDrop => MaxBytes - (MaxBytes / 100);
}
