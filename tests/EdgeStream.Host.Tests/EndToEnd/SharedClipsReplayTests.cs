using EdgeStream.Host.Tests.Replay;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.EndToEnd;

/// <summary>The real public clips in ../shared/data/clips, all replayed at once (one stream each): every one decodes and is judged.</summary>
public sealed class SharedClipsReplayTests(ITestOutputHelper output)
{
    private static readonly string[] Extensions = [".mp4", ".avi", ".mkv", ".mov", ".webm"];

    [SharedClipsFact]
    public async Task Replay_EverySharedClip_DecodesAndNoStreamFails()
    {
        var clips = Directory.EnumerateFiles(TestEnvironment.SharedClips, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(clips);

        var result = await ReplayHarness.RunAsync(clips);

        output.WriteLine(Summary.Render(result));
        Assert.Equal(clips.Length, result.Streams.Count);
        Assert.All(result.Streams, s =>
        {
            Assert.Null(s.Failure);
            Assert.True(s.Frames > 0, $"{s.Stream}: no frames decoded");
            Assert.True(s.Windows > 0, $"{s.Stream}: no window judged");
        });
    }
}
