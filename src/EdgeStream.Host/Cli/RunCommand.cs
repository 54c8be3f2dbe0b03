using System.CommandLine;
using EdgeStream.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Cli;

/// <summary>
/// <c>edgestream run</c>: the service. The generic host owns the lifetime: Ctrl-C or SIGTERM stops the sources,
/// the pipeline drains what is queued, the sinks flush, and the process exits 0.
/// </summary>
internal static class RunCommand
{
    public static Command Create(TextWriter error)
    {
        var common = new CommonOptions();
        var command = new Command("run", "Run the pipeline from the configuration until Ctrl-C or SIGTERM (the main job)");
        common.AddTo(command);
        command.SetAction((result, _) => StartupErrors.GuardAsync(error, async () =>
        {
            var level = result.GetValue(common.Verbose) ? LogLevel.Debug : LogLevel.Information;
            var builder = EdgeStreamHostBuilder.Create(common.Request(result), level);
            builder.Services.AddEdgeStreamPipeline();
            using var host = builder.Build();

            // Resolved before RunAsync, which disposes the host's services when it returns.
            var outcome = host.Services.GetRequiredService<RunOutcome>();
            await host.RunAsync();
            return outcome.Failed ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }
}
