using EdgeStream.Host.Configuration;
using EdgeStream.Host.Systemd;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Hosting;

internal static class PipelineServiceCollectionExtensions
{
    /// <summary>The pipeline as a hosted service; the host waits for its drain (DrainTimeoutSeconds) plus a margin on shutdown.</summary>
    public static IServiceCollection AddEdgeStreamPipeline(this IServiceCollection services)
    {
        services.TryAddSingleton<PipelineReadiness>();
        services.TryAddSingleton<RunOutcome>();
        services.AddHostedService<PipelineService>();
        services.AddOptions<HostOptions>().Configure<IOptions<EdgeStreamOptions>>((host, edge) =>
            host.ShutdownTimeout = TimeSpan.FromSeconds(edge.Value.Pipeline.DrainTimeoutSeconds + 5));
        return services;
    }
}
