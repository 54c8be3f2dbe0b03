using EdgeStream.Core.Sources;
using EdgeStream.Video.Tests.Support;
using OpenCvSharp;
using Xunit.Abstractions;

namespace EdgeStream.Video.Tests.Files;

/// <summary>
/// Every real clip decodes through the file source and none crashes it: the public action clips in
/// ../shared/data/clips (not committed; skipped with the reason when absent) and the committed sample clips.
/// </summary>
public class RealClipTests(ITestOutputHelper output)
{
    public static TheoryData<string> SharedClips => ClipsUnder(TestEnvironment.SharedClips);

    public static TheoryData<string> CommittedClips => ClipsUnder(TestEnvironment.CommittedClips);

    [SharedClipsTheory]
    [MemberData(nameof(SharedClips))]
    public Task RunAsync_SharedDataClip_DecodesEveryFrame(string relativePath)
        => DecodesEveryFrameAsync(TestEnvironment.SharedClips, relativePath);

    [CommittedClipsTheory]
    [MemberData(nameof(CommittedClips))]
    public Task RunAsync_CommittedSampleClip_DecodesEveryFrame(string relativePath)
        => DecodesEveryFrameAsync(TestEnvironment.CommittedClips, relativePath);

    private async Task DecodesEveryFrameAsync(string folder, string relativePath)
    {
        var path = Path.Combine(folder, relativePath);
        var expected = CountFrames(path);
        await using var source = Sources.File(path);
        var writer = Sources.Writer();

        await Sources.RunToEndAsync(source, writer, seconds: 300);

        output.WriteLine($"{relativePath}: {writer.Count} frames written, {expected} decoded by a plain VideoCapture loop, {writer.Rejects.Count} rejected");
        Assert.True(writer.Count > 0, $"{relativePath}: no frames");
        Assert.Equal(expected, writer.Count);
        Assert.Empty(writer.Rejects);
        Assert.DoesNotContain(writer.Health, h => h.Health == StreamHealth.Degraded);
        Assert.Contains("end of file", Sources.LastOffline(writer), StringComparison.Ordinal);
    }

    private static int CountFrames(string path)
    {
        using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        using var frame = new Mat();
        var n = 0;
        while (capture.Read(frame) && !frame.Empty())
        {
            n++;
        }

        return n;
    }

    private static TheoryData<string> ClipsUnder(string folder)
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                         .Where(f => f.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".avi", StringComparison.OrdinalIgnoreCase))
                         .Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(folder, file));
            }
        }

        if (data.Count == 0)
        {
            data.Add("(no clips)"); // the attribute skips the theory with the reason; xunit needs one row
        }

        return data;
    }
}

/// <summary>Skipped, with the reason shown, when ../shared/data/clips is absent.</summary>
internal sealed class SharedClipsTheoryAttribute : TheoryAttribute
{
    public SharedClipsTheoryAttribute() => Skip = TestEnvironment.WhyNoSharedClips;
}

/// <summary>Skipped, with the reason shown, until models/samples/clips has clips.</summary>
internal sealed class CommittedClipsTheoryAttribute : TheoryAttribute
{
    public CommittedClipsTheoryAttribute() => Skip = Directory.Exists(TestEnvironment.CommittedClips)
        && Directory.EnumerateFiles(TestEnvironment.CommittedClips).Any(f => f.EndsWith(".mp4", StringComparison.Ordinal) || f.EndsWith(".avi", StringComparison.Ordinal))
        ? null
        : $"no committed sample clips in {TestEnvironment.CommittedClips} yet";
}
