namespace EdgeStream.Host.Systemd;

/// <summary>Whether the service earns a <c>WATCHDOG=1</c> for the last interval, and why (shown in <c>STATUS=</c> and the log).</summary>
internal readonly record struct WatchdogVerdict(bool Healthy, string Reason);
