using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Decisions;

/// <summary>The anomaly scoring rule's parameters (the reference's <c>ScoreParams</c>).</summary>
public sealed record AnomalyScoreParams
{
    public double ErrorEwmaAlpha { get; init; } = 0.1;
    public int BaselineSamples { get; init; } = 200;
    public double Threshold { get; init; } = 4.0;
    public int EnterWindows { get; init; } = 3;
    public int ExitWindows { get; init; } = 10;
    public double MinStd { get; init; } = 1e-3;

    /// <summary>From the manifest's defaults, with per-stream overrides of threshold and hysteresis.</summary>
    public static AnomalyScoreParams From(DecisionDefaults defaults, double? threshold = null, int? enter = null, int? exit = null)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var score = defaults.Score ?? throw new ArgumentException("An anomaly model needs defaults.score.", nameof(defaults));
        var result = new AnomalyScoreParams
        {
            ErrorEwmaAlpha = score.ErrorEwmaAlpha,
            BaselineSamples = score.BaselineSamples,
            Threshold = threshold ?? score.Threshold,
            EnterWindows = enter ?? defaults.EnterWindows,
            ExitWindows = exit ?? defaults.ExitWindows,
            MinStd = score.MinStd ?? 1e-3,
        };
        result.Validate();
        return result;
    }

    public void Validate()
    {
        if (ErrorEwmaAlpha is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ErrorEwmaAlpha), ErrorEwmaAlpha, "defaults.score.errorEwmaAlpha must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(BaselineSamples, nameof(BaselineSamples));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EnterWindows, nameof(EnterWindows));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExitWindows, nameof(ExitWindows));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinStd, nameof(MinStd));
    }
}
