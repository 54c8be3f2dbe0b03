using System.Globalization;

namespace EdgeStream.Core.Events.Sinks;

/// <summary>
/// One readable line per event, state or status, shared by the console sink and <c>edgestream subscribe</c>:
/// <c>12:00:01.234 cam1 START fall 0.97 (frames 120-135)</c>. Times are shown in the offset the timestamp carries
/// (stream time, usually UTC), so replays print the same lines on every machine.
/// </summary>
public static class EventLineFormatter
{
    private const string TimeFormat = "HH:mm:ss.fff";

    public static string Format(DetectionEvent e, bool withDevice = false)
    {
        ArgumentNullException.ThrowIfNull(e);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"{e.Timestamp.ToString(TimeFormat, CultureInfo.InvariantCulture)} {Where(e.Device, e.Stream, withDevice)} {Phase(e.Phase)} {e.Label} {e.Score:0.00} (frames {e.Window.FirstFrame}-{e.Window.LastFrame}");
        return e.Phase == EventPhase.End && e.EndedAt is { } ended
            ? string.Create(CultureInfo.InvariantCulture, $"{line}, {(ended - e.StartedAt).TotalSeconds:0.0} s)")
            : line + ")";
    }

    public static string Format(StreamState s, bool withDevice = false)
    {
        ArgumentNullException.ThrowIfNull(s);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{s.Timestamp.ToString(TimeFormat, CultureInfo.InvariantCulture)} {Where(s.Device, s.Stream, withDevice)} state {s.ActiveLabel ?? "-"} (top {s.TopLabel} {s.TopScore:0.00})");
    }

    public static string Format(StreamStatus s, bool withDevice = false)
    {
        ArgumentNullException.ThrowIfNull(s);
        var reason = s.Reason is null ? "" : ": " + s.Reason;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{s.Timestamp.ToString(TimeFormat, CultureInfo.InvariantCulture)} {Where(s.Device, s.Stream, withDevice)} {Lower(s.Health.ToString())}{reason} (fps {s.Fps:0.0}, steps {s.Steps}, dropped {s.Dropped}, rejected {s.Rejected}, events {s.Events})");
    }

    public static string Format(DeviceStatus d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var time = d.Timestamp?.ToString(TimeFormat, CultureInfo.InvariantCulture) ?? "--:--:--.---";
        if (d.State == DeviceState.Offline)
        {
            return $"{time} {d.Device} offline";
        }

        var models = string.Join(", ", d.Models.Select(m => $"{m.Name} {m.Version} {m.Precision}/{m.Provider}"));
        return $"{time} {d.Device} online v{d.Version} streams [{string.Join(", ", d.Streams)}] models [{models}] provider {d.Provider}";
    }

    private static string Where(string device, string stream, bool withDevice) => withDevice ? device + "/" + stream : stream;

    private static string Phase(EventPhase phase) => phase switch
    {
        EventPhase.Start => "START",
        EventPhase.Update => "UPDATE",
        EventPhase.End => "END",
        _ => phase.ToString().ToUpperInvariant(),
    };

#pragma warning disable CA1308 // Lowercase is the wire and display form of health values, not a normalisation for comparison.
    private static string Lower(string value) => value.ToLowerInvariant();
#pragma warning restore CA1308
}
