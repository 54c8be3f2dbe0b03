using EdgeStream.Core.Models.Manifest;
using EdgeStream.Host.Tests.Replay;
using EdgeStream.Host.Tests.Support;
using OpenCvSharp;

namespace EdgeStream.Host.Tests.EndToEnd;

/// <summary>
/// The real public clips in ../shared/data/clips, all replayed at once (one stream each): every one decodes, and
/// every one at least one model window long is judged. A clip shorter than the window (mmaction2's 32-frame test
/// clip is 1.07 s; the pose model's window spans 16 frames at 10 fps, 1.6 s) must be judged by nobody: a window
/// padded out of too little video would be a guess.
/// </summary>
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
            var window = WindowSeconds(s.Model);
            var duration = s.Frames / FrameRate(s.Input);
            if (duration < window)
            {
                Assert.True(s.Windows == 0, $"{s.Stream}: {duration:0.00} s of video is shorter than {s.Model}'s {window:0.00} s window, yet {s.Windows} windows were judged");
            }
            else
            {
                Assert.True(s.Windows > 0, $"{s.Stream}: no window judged in {duration:0.00} s of video ({s.Model}'s window is {window:0.00} s)");
            }
        });
    }

    /// <summary>The time one window of the model spans: its frames at its sampling rate.</summary>
    private static double WindowSeconds(string model)
    {
        var input = ManifestLoader.Load(Path.Combine(TestEnvironment.RepoRoot, "models", model), verifyFiles: false).Input;
        Assert.True(input.Frames is > 0 && input.Fps is > 0, $"models/{model} declares no frames and fps");
        return input.Frames!.Value / input.Fps!.Value;
    }

    /// <summary>The frame rate the clip's container states (its decoded frames over this rate are its length).</summary>
    private static double FrameRate(string clip)
    {
        using var capture = new VideoCapture(clip);
        var fps = capture.Get(VideoCaptureProperties.Fps);
        Assert.True(fps > 0, $"{clip}: the container states no frame rate");
        return fps;
    }
}
