using EdgeStream.Core.Decisions;
using EdgeStream.Host.Hosting;

namespace EdgeStream.Host.Replay;

/// <summary>What <c>edgestream replay</c> was asked to do.</summary>
internal sealed record ReplayRequest(IReadOnlyList<string> Files)
{
    public ConfigRequest Config { get; init; } = ConfigRequest.Default;

    /// <summary>Write every event as JSON Lines here (overwritten).</summary>
    public string? Out { get; init; }

    /// <summary>Also publish to this broker (mqtt://host:port), as <c>run</c> would.</summary>
    public string? Broker { get; init; }

    public string? Device { get; init; }

    public string? ActionModel { get; init; }

    public string? AnomalyModel { get; init; }

    /// <summary>Print each event line to stdout as it happens.</summary>
    public bool Print { get; init; }

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    /// <summary>Loop the files and stop once this many steps were read in all (bench: long enough to measure).</summary>
    public long? StopAfterSteps { get; init; }

    /// <summary>Hears every judged window of a stream, by stream id (<c>edgestream evaluate</c>); null: none.</summary>
    public Func<string, IAnomalyScoreRecorder?>? ScoreRecorders { get; init; }

    /// <summary>Stream time of a clip's first frame: fixed, so a replay gives the same timestamps every time.</summary>
    public static DateTimeOffset Epoch { get; } = DateTimeOffset.UnixEpoch;
}
