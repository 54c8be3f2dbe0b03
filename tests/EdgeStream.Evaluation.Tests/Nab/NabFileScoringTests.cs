using EdgeStream.Evaluation.Nab;
using static EdgeStream.Evaluation.Tests.Nab.NabHandMade;

namespace EdgeStream.Evaluation.Tests.Nab;

/// <summary>
/// One hand-made file of 100 rows (probation: floor(0.15·100) = 15 rows) with one window on rows 40..49 (width 10),
/// each expected value worked out by NAB's rules.
/// </summary>
public sealed class NabFileScoringTests
{
    private const int RowCount = 100;
    private static readonly NabWindow[] OneWindow = [Window(40, 49)];
    private static readonly NabProfile Standard = NabProfile.Standard;

    private static NabFileScore Score(NabProfile profile, params int[] detections) =>
        NabScorer.ScoreFile(Rows(RowCount, detections), OneWindow, profile, threshold: 0.5);

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-0.5)]
    [InlineData(-0.1)]
    [InlineData(0.0)]
    [InlineData(1.0 / 3)]
    [InlineData(3.0)]
    public void ScaledSigmoid_is_minus_tanh_of_five_halves_y_up_to_three(double y) =>
        Assert.Equal(Sigma(y), NabSigmoid.Scaled(y), 1e-15);

    [Fact]
    public void ScaledSigmoid_is_minus_one_past_three_widths_and_098661_at_the_window_start()
    {
        Assert.Equal(-1.0, NabSigmoid.Scaled(3.0000001));
        Assert.Equal(-1.0, NabSigmoid.Scaled(50));
        Assert.Equal(0.98661429815143, NabSigmoid.MaxTruePositive, 1e-14);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(6, 0)]
    [InlineData(100, 15)]
    [InlineData(4032, 604)]
    [InlineData(5000, 750)]
    [InlineData(22695, 750)]
    public void ProbationaryLength_is_15_percent_capped_at_750(int rows, int expected) =>
        Assert.Equal(expected, NabScorer.ProbationaryLength(rows));

    [Fact]
    public void A_detection_at_the_first_row_of_a_window_scores_exactly_A_TP()
    {
        var score = Score(Standard, 40);
        Assert.Equal(1.0, score.RawScore);
        Assert.Equal(40, score.Windows[0].DetectionRow);
        Assert.Equal(new NabCounts(TruePositives: 1, TrueNegatives: 75, FalsePositives: 0, FalseNegatives: 9), score.Counts);
        Assert.Equal(85, score.Counts.Total);
        Assert.Equal((15, 100), (score.ProbationaryRows, score.TotalRows));
    }

    [Fact]
    public void A_later_detection_scores_the_sigmoid_of_its_place_in_the_window_scaled_to_A_TP()
    {
        // Row 45: y = -(49 - 45 + 1)/10 = -0.5; the last row: y = -1/10.
        Assert.Equal(Sigma(-0.5) / Sigma(-1), Score(Standard, 45).RawScore, 1e-15);
        Assert.Equal(Sigma(-0.1) / Sigma(-1), Score(Standard, 49).RawScore, 1e-15);
    }

    [Fact]
    public void Only_the_earliest_detection_in_a_window_counts()
    {
        var score = Score(Standard, 45, 42, 48);
        Assert.Equal(Sigma(-0.8) / Sigma(-1), score.RawScore, 1e-15);
        Assert.Equal(42, score.Windows[0].DetectionRow);
        Assert.Equal(3, score.Counts.TruePositives);
    }

    [Fact]
    public void A_missed_window_scores_minus_A_FN_under_each_profile()
    {
        Assert.Equal(-1.0, Score(Standard).RawScore);
        Assert.Equal(-1.0, Score(NabProfile.RewardLowFalsePositiveRate).RawScore);
        Assert.Equal(-2.0, Score(NabProfile.RewardLowFalseNegativeRate).RawScore);
        Assert.Null(Score(Standard).Windows[0].DetectionRow);
        Assert.Equal((-1.0, 1.0), (Score(Standard).NullScore, Score(Standard).PerfectScore));
    }

    [Fact]
    public void An_FP_before_any_window_scores_minus_A_FP()
    {
        Assert.Equal(-0.11, NabScorer.ScoreFile(Rows(RowCount, 20), [], Standard, 0.5).RawScore);
        Assert.Equal(-0.22, NabScorer.ScoreFile(Rows(RowCount, 20), [], NabProfile.RewardLowFalsePositiveRate, 0.5).RawScore);
        Assert.Equal(-0.11 + 1.0, Score(Standard, 20, 40).RawScore, 1e-15);
    }

    [Fact]
    public void An_FP_after_a_window_costs_the_sigmoid_of_its_distance_in_widths_less_one()
    {
        // y = |49 - i| / (10 - 1): row 52 is 1/3 past, row 76 exactly 3 (still on the curve), row 77 beyond: -1.
        Assert.Equal((Sigma(1.0 / 3) * 0.11) + 1.0, Score(Standard, 40, 52).RawScore, 1e-15);
        Assert.Equal((Sigma(3.0) * 0.11) + 1.0, Score(Standard, 40, 76).RawScore, 1e-15);
        Assert.Equal(-0.11 + 1.0, Score(Standard, 40, 77).RawScore, 1e-15);
    }

    [Fact]
    public void Every_FP_row_is_charged()
    {
        var score = Score(Standard, 20, 21, 22, 90);
        Assert.Equal((3 * -0.11) + (-0.11) - 1.0, score.RawScore, 1e-15);
        Assert.Equal(4, score.Counts.FalsePositives);
        Assert.Equal(71, score.Counts.TrueNegatives);
    }

    [Fact]
    public void Probationary_rows_are_ignored_even_inside_a_window()
    {
        Assert.Equal(-1.0, Score(Standard, 0, 5, 14).RawScore);
        Assert.Equal(new NabCounts(0, 75, 0, 10), Score(Standard, 0, 5, 14).Counts);

        var early = NabScorer.ScoreFile(Rows(RowCount, 3), [Window(2, 5), Window(40, 49)], Standard, 0.5);
        Assert.False(early.Windows[0].Scored);
        Assert.Equal((-1.0, -1.0, 1.0), (early.RawScore, early.NullScore, early.PerfectScore));
    }

    [Fact]
    public void A_score_equal_to_the_threshold_is_a_detection()
    {
        var scores = new double[RowCount];
        scores[40] = 0.25;
        var rows = Rows("cat/file.csv", scores);
        Assert.Equal(1.0, NabScorer.ScoreFile(rows, OneWindow, Standard, 0.25).RawScore);
        Assert.Equal(-1.0, NabScorer.ScoreFile(rows, OneWindow, Standard, Math.BitIncrement(0.25)).RawScore);
    }

    [Fact]
    public void RowScores_are_NAB_S_t_for_every_row()
    {
        var score = Score(NabProfile.RewardLowFalseNegativeRate);
        Assert.Equal(-0.11, score.RowScores[0]);
        Assert.Equal(1.0, score.RowScores[40]);
        Assert.Equal(Sigma(-0.1) / Sigma(-1), score.RowScores[49], 1e-15);
        Assert.Equal(Sigma(1.0 / 9) * 0.11, score.RowScores[50], 1e-15);
    }

    [Fact]
    public void A_window_limit_that_is_no_row_is_refused()
    {
        var rows = Rows(RowCount);
        Assert.Throws<ArgumentException>(() => NabScorer.ScoreFile(rows, [new NabWindow(Time(40), Time(200))], Standard, 0.5));
        Assert.Throws<ArgumentException>(() => NabScorer.ScoreFile(rows, [Window(40, 49), Window(45, 60)], Standard, 0.5));
        Assert.Throws<ArgumentException>(() => new NabFileRows("f.csv", [Time(0)], [double.NaN]));
        Assert.Throws<ArgumentException>(() => new NabFileRows("f.csv", [Time(0)], []));
    }
}
