using EdgeStream.Core.Decisions;

namespace EdgeStream.Core.Tests.Decisions;

public sealed class SoftmaxTests
{
    [Fact]
    public void Apply_Logits_MatchesDefinitionAndSumsToOne()
    {
        float[] logits = [1, 2, 3];
        var p = new float[3];

        Softmax.Apply(logits, p);

        var sum = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(Math.Exp(3) / sum, p[2], 6);
        Assert.Equal(Math.Exp(1) / sum, p[0], 6);
        Assert.Equal(1.0, p.Sum(), 6);
    }

    [Fact]
    public void Apply_HugeLogits_StaysFinite()
    {
        var p = new float[2];

        Softmax.Apply([1000, 999], p);

        Assert.Equal(1 / (1 + Math.Exp(-1)), p[0], 6);
    }

    [Fact]
    public void TopK_Values_BestFirstTiesByIndex()
    {
        var top = new int[3];

        var n = Softmax.TopK([0.1f, 0.4f, 0.1f, 0.4f, 0.0f], top);

        Assert.Equal(3, n);
        Assert.Equal([1, 3, 0], top);
    }

    [Fact]
    public void TopK_MoreRequestedThanValues_ReturnsAll()
    {
        var top = new int[5];

        Assert.Equal(2, Softmax.TopK([0.2f, 0.8f], top));
        Assert.Equal([1, 0], top[..2]);
    }
}
