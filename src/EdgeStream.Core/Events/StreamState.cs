using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Events;

/// <summary>The current decision of a stream: its active label (or null) and the latest top score.</summary>
public sealed record StreamState(string Device, string Stream, string? ActiveLabel, string TopLabel, double TopScore, DateTimeOffset Timestamp);

/// <summary>A stream's health with the reason and its counters.</summary>
public sealed record StreamStatus(
    string Device,
    string Stream,
    StreamHealth Health,
    string? Reason,
    double Fps,
    long Steps,
    long Dropped,
    long Rejected,
    long Windows,
    long Events,
    DateTimeOffset Timestamp);
