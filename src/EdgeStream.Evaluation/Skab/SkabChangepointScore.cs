namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// The changepoint track: SKAB's NAB variant (<c>chp_score(metric="nab")</c>) in its three profiles, normalised
/// to 100 for a detector that flags every true changepoint at once and nothing else, 0 for one that flags
/// nothing; and the counts of <c>chp_score(metric="average_time")</c>.
/// </summary>
/// <param name="Standard">A_TP = 1, A_FP = -0.11, A_FN = -1.</param>
/// <param name="LowFalsePositives">The LowFP profile: A_FP = -0.22.</param>
/// <param name="LowFalseNegatives">The LowFN profile: A_FN = -2.</param>
/// <param name="MissedChangepoints">Windows with no predicted changepoint in them.</param>
/// <param name="FalsePositives">Predicted changepoints outside every window.</param>
/// <param name="TrueChangepoints">Windows scored: the true changepoints of the test part (SKAB's "Amount of true anomalies").</param>
/// <param name="MeanDetectionDelay">
/// The mean time from a window's start to its first prediction over the detected windows (SKAB's "Average
/// time", truncated to a tick as pandas truncates to a nanosecond); null when none was detected.
/// </param>
public sealed record SkabChangepointScore(
    double Standard,
    double LowFalsePositives,
    double LowFalseNegatives,
    int MissedChangepoints,
    int FalsePositives,
    int TrueChangepoints,
    TimeSpan? MeanDetectionDelay)
{
    /// <summary>
    /// The leaderboard's table row: <c>| name | NAB (standard) | NAB (LowFP) | NAB (LowFN) | Missed CPs | FPs |</c>,
    /// the scores rounded as SKAB rounds.
    /// </summary>
    public string ToTableRow(string algorithm) =>
        $"| {algorithm} | {SkabRounding.Format(Standard)} | {SkabRounding.Format(LowFalsePositives)} | {SkabRounding.Format(LowFalseNegatives)} | {MissedChangepoints} | {FalsePositives} |";
}
