using EdgeStream.Video.Capture;

namespace EdgeStream.Video.Tests.Capture;

public sealed class VideoSourceOptionsRulesTests
{
    [Fact]
    public void Check_Defaults_NoProblems()
    {
        Assert.Empty(Problems(new VideoSourceOptions()));
    }

    [Fact]
    public void Check_BadValues_ListsEachNamingItsKey()
    {
        var problems = Problems(new VideoSourceOptions { ReconnectJitter = 1.5, StallTimeoutSeconds = 0 });

        Assert.Equal(["EdgeStream:Video:StallTimeoutSeconds: must be > 0.", "EdgeStream:Video:ReconnectJitter: must be in [0, 1)."], problems);
    }

    private static List<string> Problems(VideoSourceOptions options)
    {
        var problems = new List<string>();
        VideoSourceOptionsRules.Check(VideoSourceOptions.SectionName, options, problems);
        return problems;
    }
}
