namespace EdgeStream.Host.Tests.ProcessFaults;

/// <summary>Tests that run whole <c>edgestream</c> processes (model loading, inference) run one at a time, not in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class EdgeStreamProcesses
{
    public const string Name = "edgestream processes";
}
