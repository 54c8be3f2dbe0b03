namespace EdgeStream.Core.Decisions;

/// <summary>
/// Hysteresis and event rules for one action stream. Defaults come from the manifest's <c>defaults</c>
/// with per-stream overrides (<c>Pipeline.StreamOptions</c>, which Decisions may not reference).
/// </summary>
public sealed record ActionDecisionOptions
{
    /// <summary>Probability a label needs (top label, softmax) to count towards starting, and to stay active.</summary>
    public double Threshold { get; init; } = 0.6;

    /// <summary>Consecutive windows with the label on top at or above the threshold before it starts.</summary>
    public int EnterWindows { get; init; } = 2;

    /// <summary>Consecutive windows with the active label below the threshold before it ends.</summary>
    public int ExitWindows { get; init; } = 2;

    /// <summary>Scores listed in each event.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>An update event is sent when the active label's probability moved at least this much since the last event of it.</summary>
    public double UpdateScoreDelta { get; init; } = 0.1;

    /// <summary>... or when this much stream time passed since the last event of it.</summary>
    public TimeSpan UpdateInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Labels that never start an event (e.g. a background class such as <c>idle</c>). Default: none.</summary>
    public IReadOnlyCollection<string> IgnoredLabels { get; init; } = [];

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Threshold, 0.0, nameof(Threshold));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Threshold, 1.0, nameof(Threshold));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EnterWindows, nameof(EnterWindows));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExitWindows, nameof(ExitWindows));
        ArgumentOutOfRangeException.ThrowIfNegative(TopK, nameof(TopK));
        ArgumentOutOfRangeException.ThrowIfNegative(UpdateScoreDelta, nameof(UpdateScoreDelta));
    }
}
