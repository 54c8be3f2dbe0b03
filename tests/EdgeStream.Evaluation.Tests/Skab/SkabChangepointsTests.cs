using EdgeStream.Evaluation.Skab;

namespace EdgeStream.Evaluation.Tests.Skab;

public sealed class SkabChangepointsTests
{
    private static bool[] B(params int[] bits) => [.. bits.Select(b => b == 1)];

    [Fact]
    public void FromAnomalyEdges_MarksEveryChangeAndAFlaggedFirstRow()
    {
        Assert.Equal(B(1, 0, 1, 0, 1), SkabChangepoints.FromAnomalyEdges(B(1, 1, 0, 0, 1)));
        Assert.Equal(B(0, 1, 0, 1), SkabChangepoints.FromAnomalyEdges(B(0, 1, 1, 0)));
        Assert.Empty(SkabChangepoints.FromAnomalyEdges([]));
    }

    // Expected values are pandas' (1.5.3): p.rolling(3).max().fillna(0).diff().abs(), then cp[0] = p[0].
    [Fact]
    public void FromRollingMaxEdges_IsTheIsolationForestNotebooksRule()
    {
        Assert.Equal(B(1, 0, 1, 1, 0, 1, 0, 0, 1, 0), SkabChangepoints.FromRollingMaxEdges(B(1, 0, 0, 0, 0, 1, 0, 0, 0, 0), 3));
        Assert.Equal(B(0, 0, 1, 0, 0, 0, 0), SkabChangepoints.FromRollingMaxEdges(B(0, 1, 1, 1, 1, 1, 0), 3));
    }

    [Fact]
    public void FromAnomalies_DerivesTheEdges()
    {
        var prediction = SkabPrediction.FromAnomalies("other/1", 400, B(0, 1, 1, 0));

        Assert.Equal(B(0, 1, 0, 1), prediction.Changepoint);
        Assert.Equal(4, prediction.RowCount);
    }
}
