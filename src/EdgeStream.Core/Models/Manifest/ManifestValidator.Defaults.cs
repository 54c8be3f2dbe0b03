namespace EdgeStream.Core.Models.Manifest;

public static partial class ManifestValidator
{
    private static void ValidateDefaults(List<string> e, ModelManifest m)
    {
        var d = m.Defaults;
        VariantSpec? variant = null;
        if (d.Variant is { } name)
        {
            variant = m.FindVariant(name);
            if (variant is null)
            {
                e.Add($"defaults.variant '{name}' is not a variant of this model; use one of: {string.Join(", ", m.Variants.Select(v => v.Name))}.");
            }
        }

        if (d.Layout is { } layout)
        {
            OneOf(e, "defaults.layout", layout, [ManifestQueries.Split, ManifestQueries.Fused]);
            if (variant is not null && !variant.Layouts().Contains(layout, StringComparer.Ordinal) && (layout is ManifestQueries.Split or ManifestQueries.Fused))
            {
                e.Add($"defaults.layout '{layout}' is not available in variant '{variant.Name}'; it has: {string.Join(", ", variant.Layouts())}.");
            }
        }

        var window = m.WindowLength();
        if (d.Stride < 1 || (window > 0 && d.Stride > window))
        {
            e.Add($"defaults.stride is {d.Stride}, expected 1..{Math.Max(window, 1)} (at most the window length).");
        }

        if (d.EnterWindows < 1)
        {
            e.Add($"defaults.enterWindows is {d.EnterWindows}, expected at least 1.");
        }

        if (d.ExitWindows < 1)
        {
            e.Add($"defaults.exitWindows is {d.ExitWindows}, expected at least 1.");
        }

        if (m.Task == ModelTask.Action)
        {
            if (d.Threshold is { } th && !(th > 0 && th <= 1))
            {
                e.Add($"defaults.threshold is {Num(th)}, expected a probability in (0, 1].");
            }

            if (d.TopK < 1 || (m.Labels.Count > 0 && d.TopK > m.Labels.Count))
            {
                e.Add($"defaults.topK is {d.TopK}, expected 1..{Math.Max(m.Labels.Count, 1)} (at most the number of labels).");
            }
        }
        else
        {
            ValidateScore(e, d.Score);
        }
    }

    private static void ValidateScore(List<string> e, AnomalyScoreSpec? s)
    {
        if (s is null)
        {
            e.Add("defaults.score is missing; anomaly models need { \"errorEwmaAlpha\", \"baselineSamples\", \"threshold\" }.");
            return;
        }

        if (s.Kind is AnomalyScoreSpec.LikelihoodKind)
        {
            ValidateLikelihood(e, s);
            return;
        }

        if (s.Kind is AnomalyScoreSpec.ChartKind)
        {
            ValidateChart(e, s);
            return;
        }

        if (s.Kind is not (null or AnomalyScoreSpec.ZScoreKind))
        {
            e.Add($"defaults.score.kind is '{s.Kind}', expected zscore, likelihood or chart.");
            return;
        }

        if (!(s.ErrorEwmaAlpha > 0 && s.ErrorEwmaAlpha <= 1))
        {
            e.Add($"defaults.score.errorEwmaAlpha is {Num(s.ErrorEwmaAlpha)}, expected a smoothing factor in (0, 1].");
        }

        if (s.BaselineSamples < 1)
        {
            e.Add($"defaults.score.baselineSamples is {s.BaselineSamples}, expected at least 1.");
        }

        if (!(s.Threshold > 0))
        {
            e.Add($"defaults.score.threshold is {Num(s.Threshold)}, expected a positive z-score.");
        }

        if (s.MinStd is <= 0)
        {
            e.Add($"defaults.score.minStd is {Num(s.MinStd.Value)}, expected a positive floor (or remove it).");
        }
    }

    private static void ValidateChart(List<string> e, AnomalyScoreSpec s)
    {
        if (!(s.Threshold > 0))
        {
            e.Add($"defaults.score.threshold is {Num(s.Threshold)}, expected a positive factor on the chart's warm-up quantile.");
        }

        var c = s.Chart ?? new ChartSpec();
        if (c.Window < 1 || !(c.Quantile > 0 && c.Quantile <= 1))
        {
            e.Add($"defaults.score.chart: window {c.Window} must be at least 1 and quantile {Num(c.Quantile)} in (0, 1].");
        }
    }

    private static void ValidateLikelihood(List<string> e, AnomalyScoreSpec s)
    {
        if (!(s.Threshold > 0 && s.Threshold <= 1))
        {
            e.Add($"defaults.score.threshold is {Num(s.Threshold)}; a likelihood score is in [0, 1], expected (0, 1].");
        }

        var l = s.Likelihood ?? new LikelihoodSpec();
        if (l.HistorySamples < 2 || l.LearningSamples < 2 || l.LearningSamples > l.HistorySamples)
        {
            e.Add($"defaults.score.likelihood: historySamples {l.HistorySamples} and learningSamples {l.LearningSamples} must be at least 2, learning at most history.");
        }

        if (l.ShortWindows.Count == 0 || l.ShortWindows.Any(w => w < 1))
        {
            e.Add("defaults.score.likelihood.shortWindows must list at least one window of 1 sample or more.");
        }

        if (!(l.Red > 0 && l.Red <= l.Rearm && l.Yellow > 0 && l.Yellow < 1 && l.Rearm < 1))
        {
            e.Add($"defaults.score.likelihood: red {Num(l.Red)}, yellow {Num(l.Yellow)} and rearm {Num(l.Rearm)} are tail probabilities, 0 < red <= rearm < 1 and 0 < yellow < 1.");
        }

        if (!(l.SpatialTolerance >= 0) || l.RefractorySamples < 0 || l.QuietSamples < 0)
        {
            e.Add($"defaults.score.likelihood: spatialTolerance {Num(l.SpatialTolerance)}, refractorySamples {l.RefractorySamples} and quietSamples {l.QuietSamples} must not be negative.");
        }
    }

}
