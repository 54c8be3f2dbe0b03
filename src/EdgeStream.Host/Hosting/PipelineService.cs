using EdgeStream.Host.Composition;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Systemd;
using EdgeStream.Video.Capture;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Hosting;

/// <summary>
/// Runs the pipeline inside the generic host. <see cref="StartAsync"/> assembles it (models, sources, broker, sinks)
/// and fails start-up with a clear message when it cannot; the host reports READY to systemd only after that.
/// <see cref="StopAsync"/> (Ctrl-C, SIGTERM) stops the sources and waits while queued work drains. When every
/// source ended on its own (finite files), the service stops the application, and the process exits 0.
/// </summary>
internal sealed partial class PipelineService(
    IOptions<EdgeStreamOptions> options,
    IOptions<VideoSourceOptions> video,
    ConfigFile file,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime,
    PipelineReadiness readiness,
    RunOutcome outcome,
    ILogger<PipelineService> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private PipelineAssembly? _assembly;
    private Task? _run;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var config = options.Value;
        LogStarting(logger, file.Path, config.Device, config.Streams.Count);
        var request = new AssemblyRequest(config, video.Value, file.Directory, loggers, TimeProvider.System);
        _assembly = await PipelineAssembly.BuildAsync(request, cancellationToken);
        readiness.MarkReady(_assembly);
        _run = RunAsync(_assembly);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_run is null)
        {
            return;
        }

        LogStopping(logger);
        await _stop.CancelAsync();
        await _run.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_assembly is not null)
        {
            await _assembly.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task RunAsync(PipelineAssembly assembly)
    {
        await Task.Yield();
        try
        {
            await assembly.Pipeline.RunAsync(_stop.Token);
        }
#pragma warning disable CA1031 // The pipeline itself failed (a bug, not bad input): stop the process non-zero so systemd restarts it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogPipelineFailed(logger, e);
            outcome.Failed = true;
            lifetime.StopApplication();
            return;
        }

        if (!_stop.IsCancellationRequested)
        {
            LogAllSourcesEnded(logger);
            lifetime.StopApplication();
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Config {File}: device {Device}, {Streams} stream(s)")]
    private static partial void LogStarting(ILogger logger, string file, string device, int streams);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Stopping: sources stop, queued work drains")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 103, Level = LogLevel.Critical, Message = "The pipeline failed; stopping with exit code 1")]
    private static partial void LogPipelineFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Every source ended; stopping")]
    private static partial void LogAllSourcesEnded(ILogger logger);
}
