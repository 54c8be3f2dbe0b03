using EdgeStream.Mqtt.Options;

namespace EdgeStream.Mqtt.Tests.Options;

public sealed class OutboxOptionsTests
{
    [Fact]
    public void Validate_BadValues_NameEachKey()
    {
        var options = new OutboxOptions { Path = " ", MaxEvents = 0, MaxMegabytes = double.NaN, MaxAgeHours = -1 };

        var problems = Problems(options);

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("EdgeStream:Outbox:Path:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("EdgeStream:Outbox:MaxEvents:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("EdgeStream:Outbox:MaxMegabytes:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("EdgeStream:Outbox:MaxAgeHours:", StringComparison.Ordinal));
        Assert.Empty(Problems(new OutboxOptions()));
    }

    private static List<string> Problems(OutboxOptions options)
    {
        var problems = new List<string>();
        OutboxOptionsRules.Check(OutboxOptions.SectionName, options, problems);
        return problems;
    }
}
