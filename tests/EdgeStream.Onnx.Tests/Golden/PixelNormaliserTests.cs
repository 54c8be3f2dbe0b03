using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Preprocessing;

namespace EdgeStream.Onnx.Tests.Golden;

public sealed class PixelNormaliserTests
{
    [Fact]
    public void Normalise_HwcBytes_GivesChwWithPerChannelMeanStd()
    {
        var input = new InputSpec { Channels = 3, Height = 1, Width = 2, Scale = 1 / 255.0, Mean = [0f, 0.5f, 1f], Std = [1f, 0.5f, 2f] };
        var n = new PixelNormaliser(input);
        byte[] hwc = [255, 0, 51, 0, 255, 102]; // pixel0 = (255,0,51), pixel1 = (0,255,102)
        var chw = new float[6];

        n.Normalise(hwc, chw);

        Assert.Equal([1f, 0f, -1f, 1f, (0.2f - 1f) / 2f, (0.4f - 1f) / 2f], chw, new Close());
    }

    private sealed class Close : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) < 1e-6f;

        public int GetHashCode(float obj) => 0;
    }
}
