namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// How a SKAB run is split and windowed. <see cref="Leaderboard"/> is the current ("Proposed") leaderboard's
/// protocol: the first 400 rows of each file train (sklearn train_test_split, train_size=400, shuffle=False) and
/// only the rest are scored; each true changepoint opens a 60 s scoring window to its right.
/// </summary>
public sealed record SkabProtocol
{
    /// <summary>The leaderboard's protocol.</summary>
    public static SkabProtocol Leaderboard { get; } = new();

    /// <summary>Rows at the start of each file that are training data and never scored (400).</summary>
    public int TrainRows { get; init; } = 400;

    /// <summary>
    /// The NAB variant's window: from a true changepoint to this much later, both ends included (60 s;
    /// SKAB's <c>window_width="60s"</c>, <c>anomaly_window_destination="righter"</c>).
    /// </summary>
    public TimeSpan ChangepointWindow { get; init; } = TimeSpan.FromSeconds(60);
}
