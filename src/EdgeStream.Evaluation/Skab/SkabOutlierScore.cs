namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// The outlier track: every scored row of every file pooled into one confusion matrix (SKAB's
/// <c>chp_score(metric="binary")</c>), a row counting as positive when its anomaly label is 1.
/// </summary>
public sealed record SkabOutlierScore(long TruePositives, long FalsePositives, long FalseNegatives, long TrueNegatives)
{
    /// <summary>TP / (TP + (FP + FN) / 2); NaN when nothing is positive in the labels or the predictions.</summary>
    public double F1 => Ratio(TruePositives, TruePositives + ((FalsePositives + FalseNegatives) / 2.0));

    /// <summary>False alarm rate, %: FP / (FP + TN) * 100.</summary>
    public double FalseAlarmRatePercent => Ratio(FalsePositives, FalsePositives + TrueNegatives) * 100;

    /// <summary>Missing alarm rate, %: FN / (FN + TP) * 100.</summary>
    public double MissingAlarmRatePercent => Ratio(FalseNegatives, FalseNegatives + TruePositives) * 100;

    /// <summary>The leaderboard's table row: <c>| name | F1 | FAR, % | MAR, % |</c>, each rounded as SKAB rounds.</summary>
    public string ToTableRow(string algorithm) =>
        $"| {algorithm} | {SkabRounding.Format(F1)} | {SkabRounding.Format(FalseAlarmRatePercent)} | {SkabRounding.Format(MissingAlarmRatePercent)} |";

    // As doubles, so that 0/0 is NaN, as SKAB's numpy division gives, not a DivideByZeroException.
    private static double Ratio(double numerator, double denominator) => numerator / denominator;
}
