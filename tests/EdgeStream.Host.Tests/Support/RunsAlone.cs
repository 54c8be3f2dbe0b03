namespace EdgeStream.Host.Tests.Support;

/// <summary>
/// Tests that run alone, after the parallel ones: an <c>edgestream run</c> child paced in real time that publishes to
/// the <see cref="InProcessBroker"/> in this process. Beside the in-process replays and evaluations, this process's
/// thread pool once queued that broker's acknowledgements past the child's 10 s publish timeout (CI, BadStreamTests),
/// and other tests' children compete with the soak's pacing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "runs alone";
}
