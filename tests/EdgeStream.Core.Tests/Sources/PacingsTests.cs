using EdgeStream.Core.Sources;

namespace EdgeStream.Core.Tests.Sources;

public sealed class PacingsTests
{
    [Theory]
    [InlineData("realtime", Pacing.Realtime)]
    [InlineData("Realtime", Pacing.Realtime)]
    [InlineData("fast", Pacing.Fast)]
    [InlineData("FAST", Pacing.Fast)]
    public void TryParse_ConfigNameInAnyCase_Parses(string value, Pacing expected)
    {
        Assert.True(Pacings.TryParse(value, out var pacing));
        Assert.Equal(expected, pacing);
    }

    [Theory]
    [InlineData("slow")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData(" fast")]
    [InlineData("realtime,fast")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_AnythingElse_IsRefused(string? value)
    {
        Assert.False(Pacings.TryParse(value, out _));
    }

    [Fact]
    public void Names_AreTheConfigSpellingsInMessageOrder()
    {
        Assert.Equal(["realtime", "fast"], Pacings.Names);
        Assert.Equal("realtime or fast", Pacings.Allowed);
        Assert.All(Enum.GetValues<Pacing>(), p => Assert.True(Pacings.TryParse(Pacings.Name(p), out var back) && back == p));
    }
}
