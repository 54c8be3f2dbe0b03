using EdgeStream.Core.Preprocessing;

namespace EdgeStream.Core.Tests.Preprocessing;

public sealed class PixelLookupTableTests
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    [Fact]
    public void Values_EveryPixelAndChannel_AreBitEqualToTheContractsFloat32Formula()
    {
        var scale = 1f / 255f;
        var table = new PixelLookupTable(scale, Mean, Std);

        for (var c = 0; c < 3; c++)
        {
            for (var p = 0; p < 256; p++)
            {
                // The reference's order of float32 operations: any rewrite (folding 1/std, fusing) changes bits.
                var expected = ((p * scale) - Mean[c]) / Std[c];
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(table.Channel(c)[p]));
                Assert.Equal(table.Channel(c)[p], table.Values[(c * 256) + p]);
            }
        }
    }

    [Fact]
    public void Constructor_MeanAndStdOfDifferentLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PixelLookupTable(1f, [0f, 0f, 0f], [1f]));
    }
}
