using EdgeStream.Evaluation.Skab;
using static EdgeStream.Evaluation.Tests.Skab.SkabTestFiles;

namespace EdgeStream.Evaluation.Tests.Skab;

// The changepoint track by the rules of SKAB's core/metrics.py, on hand-made files of one row a second. With
// one true changepoint, S_null = A_fn and S_perfect = A_tp, so a score is 100 * (S - A_fn) / (A_tp - A_fn).
public sealed class SkabNabTests
{
    // The tanh ramp at sample i of my_scale's 1000 (x = -pi/2 + i * pi/999), written out independently.
    private static double Ramp(int sample, double fp) =>
        ((1 - fp) / 2 * (1 - (Math.Tanh((-Math.PI / 2) + (sample * Math.PI / 999)) / Math.Tanh(Math.PI / 2)))) + fp;

    private static SkabChangepointScore Score(SkabFile file, params int[] predicted) =>
        SkabScorer.Score([file], [Changepoints(file, predicted)], NoTrainRows).Changepoints;

    [Fact]
    public void DetectionAtTheChangepoint_IsPerfect()
    {
        var score = Score(Make("other/1", 100, changepoints: [10]), 10);

        Assert.Equal(100, score.Standard, 12);
        Assert.Equal(100, score.LowFalsePositives, 12);
        Assert.Equal(100, score.LowFalseNegatives, 12);
        Assert.Equal((0, 0, 1), (score.MissedChangepoints, score.FalsePositives, score.TrueChangepoints));
        Assert.Equal(TimeSpan.Zero, score.MeanDetectionDelay);
    }

    [Fact]
    public void NothingPredicted_ScoresZero()
    {
        var score = Score(Make("other/1", 100, changepoints: [10]));

        Assert.Equal((0.0, 0.0, 0.0), (score.Standard, score.LowFalsePositives, score.LowFalseNegatives));
        Assert.Equal((1, 0), (score.MissedChangepoints, score.FalsePositives));
        Assert.Null(score.MeanDetectionDelay);
    }

    [Fact]
    public void DetectionHalfwayThroughTheWindow_IsWorthTheRampsMiddle()
    {
        // 30 s of 60: sample int(0.5 * 1000) = 500, just past the ramp's midpoint.
        var score = Score(Make("other/1", 100, changepoints: [10]), 40);

        Assert.Equal(100 * (Ramp(500, -0.11) + 1) / 2, score.Standard, 12);
        Assert.Equal(100 * (Ramp(500, -0.22) + 1) / 2, score.LowFalsePositives, 12);
        Assert.Equal(100 * (Ramp(500, -0.11) + 2) / 3, score.LowFalseNegatives, 12);
        Assert.Equal(TimeSpan.FromSeconds(30), score.MeanDetectionDelay);
    }

    [Fact]
    public void DetectionAtTheWindowsEnd_IsWorthAFalsePositive()
    {
        // The right end is inside the window; sample 1000 is clamped to 999, where the ramp is A_fp.
        var score = Score(Make("other/1", 100, changepoints: [10]), 70);

        Assert.Equal(44.5, score.Standard, 12); // 100 * (-0.11 + 1) / 2
        Assert.Equal(39, score.LowFalsePositives, 12); // 100 * (-0.22 + 1) / 2
        Assert.Equal(63, score.LowFalseNegatives, 12); // 100 * (-0.11 + 2) / 3
        Assert.Equal(0, score.MissedChangepoints);
    }

    [Fact]
    public void PredictionOutsideTheWindow_IsAFalsePositiveAndTheChangepointMissed()
    {
        var score = Score(Make("other/1", 100, changepoints: [10]), 9, 71);

        Assert.Equal((1, 2), (score.MissedChangepoints, score.FalsePositives));
        Assert.Equal(100 * (-0.22 - 1 + 1) / 2, score.Standard, 12);
        Assert.Equal(100 * (-0.44 - 1 + 1) / 2, score.LowFalsePositives, 12);
        Assert.Equal(100 * (-0.22 - 2 + 2) / 3, score.LowFalseNegatives, 12);
    }

    [Fact]
    public void OnlyTheFirstDetectionInAWindowCounts_TheRestAreNeither()
    {
        var score = Score(Make("other/1", 100, changepoints: [10]), 10, 20, 30);

        Assert.Equal(100, score.Standard, 12);
        Assert.Equal(0, score.FalsePositives);
    }

    [Fact]
    public void TheWindowIsInTime_NotInRows()
    {
        // A 30 s gap after row 10: row 12 is 32 s after the changepoint (sample 533), not 2 s.
        var gapped = Make("other/1", 100, changepoints: [10], time: row => Start.AddSeconds(row <= 10 ? row : row + 30));
        var score = Score(gapped, 12);

        Assert.Equal(100 * (Ramp(533, -0.11) + 1) / 2, score.Standard, 12);
        Assert.Equal(TimeSpan.FromSeconds(32), score.MeanDetectionDelay);
    }

    [Fact]
    public void OverlappingWindows_TheRightOneIsCut_AndTheSharedInstantDetectsBoth()
    {
        // Changepoints 30 s apart: windows [0 s, 60 s] and [60 s, 90 s] ("cut right window").
        var windows = SkabNab.Windows([Start, Start.AddSeconds(30)], TimeSpan.FromSeconds(60));
        Assert.Equal([(Start, Start.AddSeconds(60)), (Start.AddSeconds(60), Start.AddSeconds(90))], windows);

        // SKAB's tests take a prediction at 60 s into both windows: the end of the first (A_fp), the start of the
        // second (A_tp). S = -0.11 + 1 against S_null = -2 and S_perfect = 2.
        var score = Score(Make("other/1", 200, changepoints: [0, 30]), 60);

        Assert.Equal((0, 0, 2), (score.MissedChangepoints, score.FalsePositives, score.TrueChangepoints));
        Assert.Equal(100 * (-0.11 + 1 + 2) / 4, score.Standard, 12);
        Assert.Equal(TimeSpan.FromSeconds(30), score.MeanDetectionDelay); // 60 s after the first start, 0 s after the second
    }

    [Fact]
    public void PredictionsBetweenSeparateWindows_AreFalsePositives()
    {
        var score = Score(Make("other/1", 300, changepoints: [0, 100]), 0, 61, 99, 100);

        Assert.Equal((0, 2), (score.MissedChangepoints, score.FalsePositives));
    }

    [Fact]
    public void FilesAreSummedBeforeNormalising()
    {
        // One file without changepoints (its predictions all false positives), one detected perfectly:
        // S = 1 - 2 * 0.11, S_null = -1, S_perfect = 1.
        var quiet = Make("other/1", 100);
        var busy = Make("other/2", 100, changepoints: [10]);
        var score = SkabScorer.Score([quiet, busy], [Changepoints(quiet, 5, 50), Changepoints(busy, 10)], NoTrainRows).Changepoints;

        Assert.Equal(100 * (1 - 0.22 + 1) / 2, score.Standard, 12);
        Assert.Equal((0, 2, 1), (score.MissedChangepoints, score.FalsePositives, score.TrueChangepoints));
    }

    [Fact]
    public void TableRow_IsTheLeaderboards()
    {
        var score = new SkabChangepointScore(23.6149, 21.5449, -3.8, 82, 23, 127, null);

        Assert.Equal("| Conv-AE | 23.61 | 21.54 | -3.8 | 82 | 23 |", score.ToTableRow("Conv-AE"));
    }
}
