using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Systemd;

/// <summary>
/// Once per interval: reads the pipeline's totals, judges the interval with <see cref="WatchdogPolicy"/>, and sends
/// <c>WATCHDOG=1</c> (when a watchdog is on and the verdict is healthy) with a fresh <c>STATUS=</c> line in one
/// datagram. Changes between healthy and stalled are logged once each way.
/// </summary>
internal sealed class WatchdogLoop(NotifySocket socket, IPipelineProbe probe, bool watchdog, TimeSpan interval, TimeProvider time, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        var previous = probe.Read();
        var healthy = true;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var current = probe.Read();
                if (current is not { } now || previous is not { } before)
                {
                    // No pipeline in this host (another command): nothing proves progress, so no pings.
                    socket.Send("STATUS=running without a pipeline; no watchdog pings");
                    previous = current;
                    continue;
                }

                var verdict = WatchdogPolicy.Judge(before, now, interval);
                if (verdict.Healthy != healthy)
                {
                    healthy = verdict.Healthy;
                    if (healthy)
                    {
                        SystemdLog.Resumed(logger, verdict.Reason);
                    }
                    else
                    {
                        SystemdLog.Stalled(logger, verdict.Reason);
                    }
                }

                var ping = watchdog && verdict.Healthy ? "WATCHDOG=1\n" : "";
                socket.Send($"{ping}STATUS={verdict.Reason}; {Summary(now)}");
                previous = current;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host stopped: the last STATUS stays as it was.
        }
    }

    private static string Summary(ProgressSample s) =>
        $"{s.Online}/{s.Streams} stream(s) producing, {s.SourceSteps} steps, {s.Inferred} windows inferred, {s.Events} events";
}
