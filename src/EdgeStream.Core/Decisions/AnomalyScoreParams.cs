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

    /// <summary>The likelihood rule's settings; null: the z-score rule (<see cref="AnomalyScorer"/>).</summary>
    public LikelihoodSpec? Likelihood { get; init; }

    /// <summary>Whether the rule of <paramref name="score"/> learns from the warm-up samples' windows.</summary>
    public static bool CalibratesOnWarmup(AnomalyScoreSpec score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return score.Kind is AnomalyScoreSpec.LikelihoodKind or AnomalyScoreSpec.ChartKind;
    }

    /// <summary>The stream's scorer: the likelihood or chart rule when the manifest asks for one, else the z-score rule.</summary>
    public IAnomalyScorer CreateScorer() => (Likelihood, Chart) switch
    {
        ({ } likelihood, _) => new LikelihoodScorer(likelihood, Threshold, ExitWindows),
        (_, { } chart) => new ResidualChartScorer(chart, Threshold, EnterWindows, ExitWindows),
        _ => new AnomalyScorer(this),
    };

    /// <summary>The residual chart's settings; null unless the manifest asks for kind <c>chart</c>.</summary>
    public ChartSpec? Chart { get; init; }

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
            Likelihood = score.Kind == AnomalyScoreSpec.LikelihoodKind ? score.Likelihood ?? new LikelihoodSpec() : null,
            Chart = score.Kind == AnomalyScoreSpec.ChartKind ? score.Chart ?? new ChartSpec() : null,
        };
        result.Validate();
        return result;
    }

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EnterWindows, nameof(EnterWindows));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ExitWindows, nameof(ExitWindows));
        if (Chart is not null)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threshold, nameof(Threshold));
            return; // the z-score rule's smoothing and baseline do not apply
        }

        if (Likelihood is not null)
        {
            if (Threshold is <= 0 or > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "A likelihood threshold is a score in (0, 1].");
            }

            return; // the z-score rule's smoothing and baseline do not apply
        }

        if (ErrorEwmaAlpha is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ErrorEwmaAlpha), ErrorEwmaAlpha, "defaults.score.errorEwmaAlpha must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(BaselineSamples, nameof(BaselineSamples));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MinStd, nameof(MinStd));
    }
}
