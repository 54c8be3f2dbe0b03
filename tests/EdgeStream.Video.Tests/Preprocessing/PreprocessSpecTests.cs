using EdgeStream.Core.Models.Manifest;
using EdgeStream.Video.Preprocessing;

namespace EdgeStream.Video.Tests.Preprocessing;

public class PreprocessSpecTests
{
    [Fact]
    public void FromInput_ContractExample_ReadsEveryField()
    {
        var spec = PreprocessSpec.FromInput(new InputSpec
        {
            Frames = 16,
            Channels = 3,
            Width = 64,
            Height = 48,
            ColorOrder = "BGR",
            Scale = 0.5,
            Mean = [1f, 2f, 3f],
            Std = [4f, 5f, 6f],
            Resize = "stretch",
        });

        Assert.Equal((64, 48, "bgr", 0.5f, 3 * 64 * 48), (spec.Width, spec.Height, spec.ColorOrder, spec.Scale, spec.Length));
        Assert.Equal([1f, 2f, 3f], spec.Mean);
        Assert.Equal([4f, 5f, 6f], spec.Std);
    }

    [Fact]
    public void FromInput_OnlySize_UsesDocumentedDefaults()
    {
        var spec = PreprocessSpec.FromInput(new InputSpec { Width = 8, Height = 8 });

        Assert.Equal(("rgb", 1f / 255f, "stretch"), (spec.ColorOrder, spec.Scale, spec.Resize));
        Assert.Equal([0f, 0f, 0f], spec.Mean);
        Assert.Equal([1f, 1f, 1f], spec.Std);
    }

    [Theory]
    [InlineData("letterbox")]
    [InlineData("Letterbox")]
    [InlineData("stretch")]
    public void FromInput_ResizeMode_IsReadLowerCase(string resize)
    {
        var spec = PreprocessSpec.FromInput(new InputSpec { Width = 192, Height = 192, Resize = resize });

        Assert.Equal(resize.ToLowerInvariant(), spec.Resize);
    }

    [Fact]
    public void FromInput_UnknownResize_NamesTheAllowedModes()
    {
        var ex = Assert.Throws<ArgumentException>(() => PreprocessSpec.FromInput(new InputSpec { Width = 8, Height = 8, Resize = "crop" }));

        Assert.Contains("input.resize must be 'stretch' or 'letterbox' (got 'crop')", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("input.width", null, 8, "rgb", "stretch", 3)]
    [InlineData("input.colorOrder", 8, 8, "yuv", "stretch", 3)]
    [InlineData("input.resize", 8, 8, "rgb", "crop", 3)]
    [InlineData("input.channels", 8, 8, "rgb", "stretch", 1)]
    public void FromInput_BadField_ThrowsNamingTheField(string field, int? width, int? height, string order, string resize, int channels)
    {
        var ex = Assert.Throws<ArgumentException>(() => PreprocessSpec.FromInput(
            new InputSpec { Width = width, Height = height, ColorOrder = order, Resize = resize, Channels = channels }));

        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromInput_ZeroStd_ThrowsNamingStd()
    {
        var ex = Assert.Throws<ArgumentException>(() => PreprocessSpec.FromInput(new InputSpec { Width = 8, Height = 8, Std = [1f, 0f, 1f] }));

        Assert.Contains("input.std", ex.Message, StringComparison.Ordinal);
    }
}
