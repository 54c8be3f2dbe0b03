using System.Collections;
using System.Globalization;

namespace EdgeStream.Host.Systemd;

/// <summary>
/// What systemd tells a <c>Type=notify</c> service through its environment: where to send notifications
/// (<c>NOTIFY_SOCKET</c>, a path or <c>@name</c> in the abstract namespace) and how often it wants a
/// <c>WATCHDOG=1</c> (<c>WATCHDOG_USEC</c>, meant for this process only when <c>WATCHDOG_PID</c> is absent or ours),
/// the same rules as <c>sd_notify(3)</c> and <c>sd_watchdog_enabled(3)</c>.
/// </summary>
internal sealed record NotifySettings(string? Socket, TimeSpan? Watchdog)
{
    public static NotifySettings None { get; } = new(null, null);

    public static NotifySettings FromEnvironment(IDictionary environment, int processId)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var socket = environment["NOTIFY_SOCKET"] as string;
        if (string.IsNullOrEmpty(socket))
        {
            return None;
        }

        return new NotifySettings(socket, WatchdogOf(environment, processId));
    }

    private static TimeSpan? WatchdogOf(IDictionary environment, int processId)
    {
        if (environment["WATCHDOG_PID"] is string pid && pid.Length > 0
            && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) || owner != processId))
        {
            return null;
        }

        return environment["WATCHDOG_USEC"] is string text
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec)
            : null;
    }
}
