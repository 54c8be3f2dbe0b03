using EdgeStream.Core.Models;
using EdgeStream.Onnx.Cuda;

namespace EdgeStream.Onnx.Tests.Gpu;

/// <summary>Which batch sizes are captured as CUDA graphs and which graph a partial batch is padded to.</summary>
public sealed class BatchSizesTests
{
    [Theory]
    [InlineData(32, "1,8,32")]
    [InlineData(8, "1,8")]
    [InlineData(4, "1,4")]
    [InlineData(1, "1")]
    public void From_NotConfigured_Captures1And8AndMaxBatch(int maxBatch, string expected)
    {
        Assert.Equal(expected, BatchSizes.From(null, maxBatch, int.MaxValue).ToString());
        Assert.Equal(expected, BatchSizes.From([], maxBatch, int.MaxValue).ToString());
    }

    [Fact]
    public void From_Configured_SortsDedupesAndAlwaysAddsMaxBatch()
    {
        Assert.Equal("2,4,16", BatchSizes.From([4, 2, 4], 16, int.MaxValue).ToString());
    }

    [Fact]
    public void From_ModelWithFixedBatchOfOne_CapturesOnlyOne()
    {
        Assert.Equal("1", BatchSizes.From([1, 8], 32, modelLimit: 1).ToString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void From_SizeOutsideOneToMaxBatch_ThrowsNamingTheKey(int size)
    {
        var ex = Assert.Throws<ModelLoadException>(() => BatchSizes.From([1, size], 32, int.MaxValue));

        Assert.Contains("Gpu.BatchSizes", ex.Message, StringComparison.Ordinal);
        Assert.Contains(size.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 8)]
    [InlineData(8, 8)]
    [InlineData(9, 32)]
    [InlineData(31, 32)]
    [InlineData(32, 32)]
    public void PaddedSize_PartialBatch_IsTheSmallestCapturedSizeThatFits(int batch, int padded)
    {
        Assert.Equal(padded, BatchSizes.Of(1, 8, 32).PaddedSize(batch));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void SlotFor_OutsideOneToMax_Throws(int batch)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchSizes.Of(1, 8, 32).SlotFor(batch));
    }
}
