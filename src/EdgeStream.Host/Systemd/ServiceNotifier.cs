using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Systemd;

/// <summary>
/// The <c>sd_notify</c> protocol for <c>Type=notify</c> units, sent by EdgeStream itself (deploy/README.md, docs/reliability.md "The systemd watchdog"):
/// <c>STATUS=</c> while starting; <c>READY=1</c> in <see cref="StartedAsync"/>, which the host calls only after every
/// hosted service started, that is after the pipeline service assembled the pipeline with its models loaded and
/// warm; then every interval (half of <c>WATCHDOG_USEC</c>, or 5 s without a watchdog) a <c>STATUS=</c> line and,
/// only when <see cref="WatchdogPolicy"/> says the pipeline made progress, <c>WATCHDOG=1</c>; <c>STOPPING=1</c>
/// when shutdown begins. Pings go on while the pipeline drains, and end when the host has stopped.
/// Does nothing when <c>NOTIFY_SOCKET</c> is absent.
/// </summary>
internal sealed class ServiceNotifier(NotifySettings settings, IPipelineProbe probe, TimeProvider time, ILogger<ServiceNotifier> logger)
    : IHostedLifecycleService, IDisposable
{
    /// <summary>How often STATUS is refreshed when systemd asked for no watchdog.</summary>
    public static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private NotifySocket? _socket;
    private Task? _loop;

    public TimeSpan Interval => settings.Watchdog is { } watchdog ? watchdog / 2 : StatusInterval;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (settings.Socket is { } address)
        {
            _socket = new NotifySocket(address, logger);
            SystemdLog.Notifying(logger, address, settings.Watchdog is { } w ? $"every {w.TotalSeconds:0.###} s, pinged every {Interval.TotalSeconds:0.###} s while the pipeline makes progress" : "off");
            _socket.Send("STATUS=starting: loading and warming up models, opening sources");
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (_socket is not null)
        {
            var status = probe.Describe();
            _socket.Send($"READY=1\nSTATUS={status}");
            SystemdLog.Ready(logger, status);
            _loop = Task.Run(() => new WatchdogLoop(_socket, probe, settings.Watchdog is not null, Interval, time, logger).RunAsync(_stop.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _socket?.Send("STOPPING=1\nSTATUS=stopping: sources stop, queued work drains");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _socket?.Dispose();
    }
}
