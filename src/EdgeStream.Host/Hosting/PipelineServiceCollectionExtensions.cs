using Microsoft.Extensions.DependencyInjection;

namespace EdgeStream.Host.Pipeline;

internal static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddEdgeStreamPipeline(this IServiceCollection services) => services;
}
