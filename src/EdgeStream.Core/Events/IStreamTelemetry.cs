using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Events;

/// <summary>
/// What the status reporter reads of one stream. The pipeline implements it over the stages' per-stream
/// state, so the reporter needs no stage's internals.
/// </summary>
internal interface IStreamTelemetry
{
    string Id { get; }

    /// <summary>The health the source reported.</summary>
    (StreamHealth Health, string? Reason) ReadHealth();

    /// <summary>The stream's counters now.</summary>
    StreamCounts ReadCounts();

    /// <summary>The decider's current state, or null before its first decision.</summary>
    StreamState? CurrentState();
}

/// <summary>
/// A stream's counters at one moment, as the status shows them. Dropped: steps and windows dropped for freshness.
/// </summary>
internal readonly record struct StreamCounts(long Steps, long Dropped, long Rejected, long Windows, long Events);
