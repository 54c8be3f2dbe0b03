using EdgeStream.Evaluation.Nab;
using static EdgeStream.Evaluation.Tests.Nab.NabHandMade;

namespace EdgeStream.Evaluation.Tests.Nab;

/// <summary>A hand-made corpus of three files in two categories; every total worked out by NAB's rules.</summary>
public sealed class NabCorpusScoringTests
{
    // 100 rows each (probation 15). a.csv: window 40..49; b.csv: windows 30..39 and 60..69; c.csv: none.
    private static readonly NabLabels Labels = new(new Dictionary<string, IReadOnlyList<NabWindow>>
    {
        ["one/a.csv"] = [Window(40, 49)],
        ["one/b.csv"] = [Window(30, 39), Window(60, 69)],
        ["two/c.csv"] = [],
    });

    // a: hit at the window start (+1); b: first window missed (-1), second hit at its start (+1), an FP at row 20 (-0.11);
    // c: two FPs (-0.22).
    private static readonly NabFileRows[] Files =
    [
        Rows("one/a.csv", 100, 40),
        Rows("one/b.csv", 100, 20, 60),
        Rows("two/c.csv", 100, 50, 51),
    ];

    [Fact]
    public void The_corpus_sums_its_files_and_normalises_on_its_own_windows()
    {
        var score = NabScorer.ScoreCorpus(Files, Labels, NabProfile.Standard, 0.5);

        Assert.Equal([1.0, -0.11, -0.22], score.Files.Select(f => f.RawScore), new ToleranceComparer(1e-15));
        Assert.Equal(1.0 - 0.11 - 0.22, score.Total.RawScore, 1e-15);
        Assert.Equal((-3.0, 3.0), (score.Total.NullScore, score.Total.PerfectScore));
        Assert.Equal(100 * (0.67 + 3) / 6, score.Total.NormalisedScore!.Value, 1e-12);
        Assert.Equal((3, 3, 2), (score.Total.Files, score.Total.Windows, score.Total.DetectedWindows));
        Assert.Equal(new NabCounts(TruePositives: 1 + 1, TrueNegatives: 75 + 64 + 83, FalsePositives: 1 + 2, FalseNegatives: 9 + 19), score.Total.Counts);
    }

    [Fact]
    public void Categories_are_totalled_and_normalised_apart()
    {
        var score = NabScorer.ScoreCorpus(Files, Labels, NabProfile.RewardLowFalseNegativeRate, 0.5);

        Assert.Equal(["one", "two"], score.Categories.Select(c => c.Name));
        var one = score.Categories[0];
        Assert.Equal(1.0 - 2.0 + 1.0 - 0.11, one.RawScore, 1e-15);
        Assert.Equal(100 * (-0.11 + 6) / 9, one.NormalisedScore!.Value, 1e-12);
        Assert.Null(score.Categories[1].NormalisedScore);
    }

    [Fact]
    public void A_subset_of_files_normalises_on_its_windows_only()
    {
        var score = NabScorer.ScoreCorpus(Files[..1], Labels, NabProfile.Standard, 0.5);
        Assert.Equal(100.0, score.Total.NormalisedScore);
    }

    [Fact]
    public void An_unlabelled_or_repeated_file_is_refused()
    {
        Assert.Throws<KeyNotFoundException>(() => NabScorer.ScoreCorpus([Rows("one/x.csv", 100)], Labels, NabProfile.Standard, 0.5));
        Assert.Throws<ArgumentException>(() => NabScorer.ScoreCorpus([Files[0], Files[0]], Labels, NabProfile.Standard, 0.5));
    }

    [Fact]
    public void Labels_refuse_overlapping_windows()
    {
        Assert.Throws<ArgumentException>(() => new NabLabels(new Dictionary<string, IReadOnlyList<NabWindow>>
        {
            ["a.csv"] = [Window(10, 20), Window(20, 30)],
        }));
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
