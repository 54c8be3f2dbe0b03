using EdgeStream.Core.Sources;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Tests.Support;

namespace EdgeStream.Video.Tests.Files;

/// <summary>Broken inputs give a clear message naming the file, the stream goes Offline, nothing crashes.</summary>
public class BrokenFileTests
{
    public static TheoryData<string, string> Unopenable => new()
    {
        { nameof(TestClips.ZeroBytes), "empty (0 bytes)" },
        { nameof(TestClips.TextFile), "cannot open" },
        { nameof(TestClips.Garbage), "cannot open" },
        { nameof(TestClips.TruncatedNoIndex), "cannot open" },
        { nameof(TestClips.AudioOnly), "no video stream (only audio pcm_s16le)" },
        { "Missing", "not found" },
        { "Directory", "is a directory" },
    };

    [FfmpegTheory]
    [MemberData(nameof(Unopenable))]
    public async Task RunAsync_BrokenFile_ThrowsNamingTheFileAndReportsOffline(string file, string reason)
    {
        var path = PathOf(file);
        await using var source = Sources.File(path);
        var writer = Sources.Writer();

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(writer, CancellationToken.None));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Count);
        Assert.Equal((StreamHealth.Offline, ex.Message), writer.Health[^1]);
    }

    [FfmpegFact]
    public async Task RunAsync_TruncatedFastStartMp4_PlaysWhatIsThereAndReportsDegraded()
    {
        await using var source = Sources.File(TestClips.TruncatedFastStart);
        var writer = Sources.Writer();

        await Sources.RunToEndAsync(source, writer);

        Assert.InRange(writer.Count, 1, TestClips.Frames - 2);
        var degraded = writer.Health.Single(h => h.Health == StreamHealth.Degraded).Reason;
        Assert.Contains(TestClips.TruncatedFastStart, degraded, StringComparison.Ordinal);
        Assert.Contains($"of {TestClips.Frames} frames", degraded, StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task RunAsync_CorruptH264MidFile_RejectsUndecodableFramesAndReadsOn()
    {
        await using var source = Sources.File(TestClips.CorruptMiddleH264);
        var writer = Sources.Writer();

        await Sources.RunToEndAsync(source, writer);

        // `ffmpeg -i corrupt-middle.h264.mp4 -f null -` decodes 15 of the 30 frames; OpenCV fails on the others.
        Assert.InRange(writer.Count, 10, TestClips.Frames - 1);
        Assert.NotEmpty(writer.Rejects);
        Assert.All(writer.Rejects, r => Assert.Contains("could not be decoded", r, StringComparison.Ordinal));
        Assert.Contains(writer.Health, h => h.Health == StreamHealth.Degraded && h.Reason!.Contains("truncated or corrupt", StringComparison.Ordinal));
        Assert.Contains("end of file", Sources.LastOffline(writer), StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task RunAsync_CorruptMjpegMidFile_DecodesAroundTheDamageAndEnds()
    {
        await using var source = Sources.File(TestClips.CorruptMiddleMjpeg);
        var writer = Sources.Writer();

        await Sources.RunToEndAsync(source, writer);

        Assert.InRange(writer.Count, TestClips.Frames / 2, TestClips.Frames);
        Assert.Contains("end of file", Sources.LastOffline(writer), StringComparison.Ordinal);
    }

    [FfmpegFact]
    public async Task RunAsync_RetryFilesWithTwoAttempts_RetriesWithBackoffThenGivesUp()
    {
        var options = Sources.FastRetries(maxAttempts: 2);
        options.RetryFiles = true;
        await using var source = Sources.File(TestClips.ZeroBytes, options: options);
        var writer = Sources.Writer();

        var ex = await Assert.ThrowsAsync<VideoSourceException>(() => source.RunAsync(writer, CancellationToken.None));

        var reasons = writer.Health.Select(h => h.Reason ?? "").ToArray();
        Assert.Equal(3, reasons.Length);
        Assert.Contains("retry 1 in", reasons[0], StringComparison.Ordinal);
        Assert.Contains("retry 2 in", reasons[1], StringComparison.Ordinal);
        Assert.Equal(ex.Message, reasons[2]);
        Assert.All(writer.Health, h => Assert.Equal(StreamHealth.Offline, h.Health));
    }

    [FfmpegFact]
    public async Task RunAsync_RetryFiles_PicksUpTheFileOnceItAppears()
    {
        var path = Path.Combine(TestClips.Dir, $"late-{Guid.NewGuid():N}.mp4");
        var options = Sources.FastRetries(maxAttempts: null);
        options.RetryFiles = true;
        await using var source = Sources.File(path, options: options);
        var writer = Sources.Writer();
        var run = Sources.Start(source, writer, CancellationToken.None);

        await writer.WaitUntilAsync(w => w.Health.Any(h => h.Reason?.Contains("not found", StringComparison.Ordinal) == true), "the missing file reported");
        File.Copy(TestClips.H264, path + ".part");
        File.Move(path + ".part", path); // atomic: the source never sees half a file
        await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(TestClips.Frames, writer.Count);
    }

    private static string PathOf(string name) => name switch
    {
        "Missing" => Path.Combine(TestClips.Dir, "does-not-exist.mp4"),
        "Directory" => TestClips.Dir,
        _ => (string)typeof(TestClips).GetProperty(name)!.GetValue(null)!,
    };
}
