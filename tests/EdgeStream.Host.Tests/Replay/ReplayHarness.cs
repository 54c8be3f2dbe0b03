using EdgeStream.Host.Hosting;
using EdgeStream.Host.Replay;
using EdgeStream.Host.Tests.Support;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Tests.Replay;

/// <summary>Runs <c>edgestream replay</c>'s runner in-process with the shipped default config (its models).</summary>
internal static class ReplayHarness
{
    public static Task<ReplayResult> RunAsync(params string[] files) => RunAsync(new ReplayRequest(files));

    public static Task<ReplayResult> RunAsync(ReplayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var withConfig = request with { Config = new ConfigRequest(TestEnvironment.BundledConfig, request.Config.Overrides) };
        return ReplayRunner.RunAsync(withConfig, null, LogLevel.Warning, CancellationToken.None);
    }
}
