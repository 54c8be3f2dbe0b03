using EdgeStream.Core.Preprocessing;

namespace EdgeStream.Core.Tests.Preprocessing;

public sealed class LetterboxGeometryTests
{
    [Theory]
    [InlineData(200, 100, 64, 64, 64, 32, 0, 16)] // wide: bars top and bottom
    [InlineData(100, 200, 64, 64, 32, 64, 16, 0)] // tall: bars left and right
    [InlineData(333, 100, 64, 64, 64, 19, 0, 22)] // nh = floor(100 * 64/333 + 0.5) = floor(19.72) = 19, y0 = 45/2
    [InlineData(640, 480, 192, 192, 192, 144, 0, 24)] // a VGA camera into MoveNet's input
    [InlineData(1920, 1080, 192, 192, 192, 108, 0, 42)]
    [InlineData(1000, 1, 64, 64, 64, 1, 0, 31)] // nh = max(1, floor(0.064 + 0.5) = 0) = 1; y0 = 63/2 rounds down
    [InlineData(3, 1, 4, 4, 4, 1, 0, 1)] // nh = floor(4/3 + 0.5) = 1: upscaling follows the same rule
    [InlineData(128, 128, 64, 64, 64, 64, 0, 0)] // same aspect: the whole canvas
    [InlineData(64, 64, 64, 64, 64, 64, 0, 0)]
    public void For_Sizes_FollowTheContractsRule(int w, int h, int tw, int th, int nw, int nh, int x0, int y0)
    {
        var g = LetterboxGeometry.For(w, h, tw, th);

        Assert.Equal((nw, nh, x0, y0), (g.ContentWidth, g.ContentHeight, g.X0, g.Y0));
        Assert.Equal(Math.Min((double)tw / w, (double)th / h), g.Scale);
        Assert.Equal(nw == tw && nh == th, g.FillsTarget);
    }

    [Theory]
    [InlineData(200, 100, 64, 64)]
    [InlineData(333, 100, 64, 64)]
    [InlineData(100, 333, 64, 48)]
    [InlineData(1920, 1080, 192, 192)]
    [InlineData(3, 1, 4, 4)]
    public void ToSource_ContentCorners_AreTheSourceCorners(int w, int h, int tw, int th)
    {
        var g = LetterboxGeometry.For(w, h, tw, th);

        Assert.Equal((0.0, 0.0), g.ToSource(g.X0, g.Y0));
        Assert.Equal(((double)w, (double)h), g.ToSource(g.X0 + g.ContentWidth, g.Y0 + g.ContentHeight));
    }

    [Theory]
    [InlineData(200, 100, 64, 64)]
    [InlineData(333, 100, 64, 64)]
    [InlineData(100, 333, 64, 48)]
    [InlineData(1920, 1080, 192, 192)]
    [InlineData(1000, 1, 64, 64)]
    public void ToSourceAndToInput_RoundTrip(int w, int h, int tw, int th)
    {
        var g = LetterboxGeometry.For(w, h, tw, th);
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            double xs = random.NextDouble() * w, ys = random.NextDouble() * h;
            double xi = random.NextDouble() * tw, yi = random.NextDouble() * th;

            var (xi2, yi2) = g.ToInput(xs, ys);
            var (xs2, ys2) = g.ToSource(xi2, yi2);
            Assert.Equal(xs, xs2, 1e-9);
            Assert.Equal(ys, ys2, 1e-9);

            var (xs3, ys3) = g.ToSource(xi, yi);
            var (xi3, yi3) = g.ToInput(xs3, ys3);
            Assert.Equal(xi, xi3, 1e-9);
            Assert.Equal(yi, yi3, 1e-9);
        }
    }

    [Fact]
    public void ToSource_ContentPixelCentre_IsTheCentreOfTheSourceAreaItAverages()
    {
        // 200x100 -> 64x32 content at y0 = 16: content pixel (u, v) averages source [u*200/64, (u+1)*200/64) x ...,
        // so its centre maps to ((u + 0.5) * 3.125, (v + 0.5) * 3.125).
        var g = LetterboxGeometry.For(200, 100, 64, 64);

        Assert.Equal((10 * 3.125 + 1.5625, 5 * 3.125 + 1.5625), g.ToSource(10.5, 16 + 5.5));
    }

    [Fact]
    public void ToSource_PointOnABar_LandsOutsideTheSource()
    {
        var g = LetterboxGeometry.For(200, 100, 64, 64);

        var (x, y) = g.ToSource(32, 4);
        Assert.Equal(100, x);
        Assert.True(y < 0, $"y = {y}");
        Assert.True(g.ToSource(32, 60).Y > 100);
    }

    [Theory]
    [InlineData(0, 100, 64, 64)]
    [InlineData(100, 0, 64, 64)]
    [InlineData(100, 100, 0, 64)]
    [InlineData(100, 100, 64, -1)]
    public void For_NonPositiveSize_Throws(int w, int h, int tw, int th)
        => Assert.Throws<ArgumentOutOfRangeException>(() => LetterboxGeometry.For(w, h, tw, th));
}
