using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Systemd;

/// <summary>Log lines of the systemd integration (event ids 200-219).</summary>
internal static partial class SystemdLog
{
    [LoggerMessage(200, LogLevel.Information, "systemd: notifying {Socket}; watchdog {Watchdog}")]
    public static partial void Notifying(ILogger logger, string socket, string watchdog);

    [LoggerMessage(201, LogLevel.Warning, "systemd: cannot notify {Socket} ({Error}): {Message}; the service runs on, systemd may time it out")]
    public static partial void NotifyFailed(ILogger logger, string socket, SocketError error, string message);

    [LoggerMessage(202, LogLevel.Information, "systemd: notifications to {Socket} work again")]
    public static partial void NotifyRecovered(ILogger logger, string socket);

    [LoggerMessage(203, LogLevel.Information, "systemd: READY=1 ({Status})")]
    public static partial void Ready(ILogger logger, string status);

    [LoggerMessage(204, LogLevel.Warning, "Watchdog: no progress, pings withheld so systemd restarts a stuck service: {Reason}")]
    public static partial void Stalled(ILogger logger, string reason);

    [LoggerMessage(205, LogLevel.Information, "Watchdog: progress again, pings resume: {Reason}")]
    public static partial void Resumed(ILogger logger, string reason);

}
