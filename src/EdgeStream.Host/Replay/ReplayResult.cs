using EdgeStream.Core.Events;

namespace EdgeStream.Host.Replay;

/// <summary>One replayed stream: counters, the labels its events started, why it failed, if it did, and why no window could fill (every step a gap), if so.</summary>
internal sealed record StreamSummary(
    string Stream,
    string Input,
    string Model,
    long Frames,
    long Windows,
    long Events,
    IReadOnlyList<string> Labels,
    long Dropped,
    long Rejected,
    double Fps,
    string? Failure,
    string? Starved = null);

/// <param name="SinkFailures">Publishes a sink refused or timed out on (events, states, statuses): a replay whose
/// events did not all reach <c>--broker</c> or <c>--out</c> failed, even if every stream ran.</param>
internal sealed record ReplayResult(IReadOnlyList<StreamSummary> Streams, IReadOnlyList<DetectionEvent> Events, TimeSpan Elapsed, bool Interrupted, long SinkFailures = 0)
{
    public bool Failed => Streams.Any(s => s.Failure is not null) || SinkFailures > 0;

    /// <summary>The labels of a stream's start events, in order: what golden files compare.</summary>
    public static IReadOnlyList<string> StartedLabels(IEnumerable<DetectionEvent> events, string stream) =>
        [.. events.Where(e => e.Stream == stream && e.Phase == EventPhase.Start).Select(e => e.Label)];
}

/// <summary>Progress so far: steps replayed of the known total, windows judged, events.</summary>
internal sealed record ReplayProgress(long Steps, long? TotalSteps, long Windows, long Events, TimeSpan Elapsed);
