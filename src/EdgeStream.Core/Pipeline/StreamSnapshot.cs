using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// A stream's counters at one moment (for status, metrics and the replay summary).
/// Steps: accepted from the source. StepsDropped: dropped for freshness before the step stage.
/// Rejected: refused by the source. Windows: emitted. WindowsDropped: dropped for freshness before
/// inference. Judged: windows that went through inference and decision. Errors: steps, batches or
/// decisions that failed. Resets: window rings cleared by a gap or out-of-order time. Starved: why no window can
/// fill (every step a gap), or null.
/// </summary>
public sealed record StreamSnapshot(
    string Stream,
    StreamHealth Health,
    string? Reason,
    double Fps,
    long Steps,
    long StepsDropped,
    long Rejected,
    long Windows,
    long WindowsDropped,
    long Judged,
    long Events,
    long Errors,
    long Resets,
    DateTimeOffset? LastStepTimestamp,
    string? Starved = null);
