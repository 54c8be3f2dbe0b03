using EdgeStream.Host.Hosting;
using EdgeStream.Host.Replay;
using EdgeStream.Host.Tests.Support;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Tests.Replay;

/// <summary>Runs <c>edgestream replay</c>'s runner in-process with the shipped default config (its models).</summary>
internal static class ReplayHarness
{
    public static Task<ReplayResult> RunAsync(params string[] files) => RunAsync(new ReplayRequest(files));

    /// <summary>
    /// The committed sample clips (models/samples/clips) are stick figures rendered for the seed's pixel model
    /// (models/action), and their sidecars and goldens are that model's; the default camera model (models/pose) is
    /// judged on real footage instead (RealVideo/RealClipReplayTests).
    /// </summary>
    public static Task<ReplayResult> RunWithPixelModelAsync(params string[] files) => RunAsync(new ReplayRequest(files) { ActionModel = "action" });

    public static Task<ReplayResult> RunAsync(ReplayRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var withConfig = request with { Config = new ConfigRequest(TestEnvironment.BundledConfig, request.Config.Overrides) };
        return ReplayRunner.RunAsync(withConfig, null, LogLevel.Warning, CancellationToken.None);
    }
}
