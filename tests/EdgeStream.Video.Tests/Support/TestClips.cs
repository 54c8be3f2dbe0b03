using System.Diagnostics;

namespace EdgeStream.Video.Tests.Support;

/// <summary>
/// Real clips made with ffmpeg once per test run in a temp folder: 160x120, 15 fps, 2 s (30 frames), H.264
/// with a 15-frame GOP (so a joining RTSP reader waits at most 1 s for a keyframe) and MJPEG, plus broken files.
/// </summary>
internal static class TestClips
{
    public const int Width = 160;
    public const int Height = 120;
    public const int Fps = 15;
    public const int Frames = 30;

    private static readonly Lazy<string> Folder = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> LongClip = new(CreateLong, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Dir => Folder.Value;

    public static string H264 => Path.Combine(Dir, "testsrc.h264.mp4");

    /// <summary>
    /// The same test pattern for 3 minutes, made on first use: what the RTSP test server serves, so no test outlives
    /// the stream and the server needs no looping seek (its seek raced PLAY and crashed GStreamer's RTSP server).
    /// </summary>
    public static string LongH264 => LongClip.Value;

    public static string Mjpeg => Path.Combine(Dir, "testsrc.mjpeg.avi");

    /// <summary>A solid red clip (for colour order end to end).</summary>
    public static string Red => Path.Combine(Dir, "red.mjpeg.avi");

    /// <summary>mp4 with its index (moov) at the end, cut in half: the index is gone, nothing can be opened.</summary>
    public static string TruncatedNoIndex => Path.Combine(Dir, "truncated-noindex.mp4");

    /// <summary>mp4 with its index first, cut in half: opens, decodes about half of the frames.</summary>
    public static string TruncatedFastStart => Path.Combine(Dir, "truncated-faststart.mp4");

    /// <summary>Audio only: a valid media file with no video stream.</summary>
    public static string AudioOnly => Path.Combine(Dir, "audio-only.wav");

    /// <summary>The H.264 clip with 4 KiB of random bytes written over its middle (the index stays intact).</summary>
    public static string CorruptMiddleH264 => Path.Combine(Dir, "corrupt-middle.h264.mp4");

    /// <summary>The MJPEG clip with 4 KiB of random bytes written over its middle.</summary>
    public static string CorruptMiddleMjpeg => Path.Combine(Dir, "corrupt-middle.mjpeg.avi");

    public static string ZeroBytes => Path.Combine(Dir, "zero.mp4");

    public static string TextFile => Path.Combine(Dir, "not-a-video.mp4");

    public static string Garbage => Path.Combine(Dir, "garbage.avi");

    public static void Ffmpeg(params string[] args)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in (string[])["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. args])
        {
            info.ArgumentList.Add(a);
        }

        using var p = Process.Start(info)!;
        var err = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)} failed: {err.Result}");
        }
    }

    private static string CreateLong()
    {
        var path = Path.Combine(Dir, "testsrc-3min.h264.mp4");
        Ffmpeg("-f", "lavfi", "-i", $"testsrc=size={Width}x{Height}:rate={Fps}", "-t", "180", "-c:v", "libx264", "-g", "15", "-pix_fmt", "yuv420p", "-movflags", "+faststart", path);
        return path;
    }

    private static string Create()
    {
        var dir = Directory.CreateTempSubdirectory("edgestream-video-tests-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true);
        string[] source = ["-f", "lavfi", "-i", $"testsrc=size={Width}x{Height}:rate={Fps}", "-t", "2"];
        Ffmpeg([.. source, "-c:v", "libx264", "-g", "15", "-pix_fmt", "yuv420p", "-movflags", "+faststart", Path.Combine(dir, "testsrc.h264.mp4")]);
        Ffmpeg([.. source, "-c:v", "mjpeg", "-q:v", "3", Path.Combine(dir, "testsrc.mjpeg.avi")]);
        Ffmpeg(["-f", "lavfi", "-i", $"color=c=red:size={Width}x{Height}:rate={Fps}", "-t", "1", "-c:v", "mjpeg", "-q:v", "2", Path.Combine(dir, "red.mjpeg.avi")]);
        var indexLast = Path.Combine(dir, "indexlast.mp4");
        Ffmpeg([.. source, "-c:v", "libx264", "-g", "15", "-pix_fmt", "yuv420p", indexLast]);
        Cut(indexLast, Path.Combine(dir, "truncated-noindex.mp4"));
        Cut(Path.Combine(dir, "testsrc.h264.mp4"), Path.Combine(dir, "truncated-faststart.mp4"));
        Ffmpeg(["-f", "lavfi", "-i", "sine=frequency=440:duration=1", Path.Combine(dir, "audio-only.wav")]);
        Scribble(Path.Combine(dir, "testsrc.h264.mp4"), Path.Combine(dir, "corrupt-middle.h264.mp4"));
        Scribble(Path.Combine(dir, "testsrc.mjpeg.avi"), Path.Combine(dir, "corrupt-middle.mjpeg.avi"));
        File.WriteAllBytes(Path.Combine(dir, "zero.mp4"), []);
        File.WriteAllText(Path.Combine(dir, "not-a-video.mp4"), "This is a text file, not a video.\n");
        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(Path.Combine(dir, "garbage.avi"), garbage);
        return dir;
    }

    private static void Scribble(string from, string to)
    {
        var bytes = File.ReadAllBytes(from);
        new Random(11).NextBytes(bytes.AsSpan((bytes.Length / 2) - 2048, 4096));
        File.WriteAllBytes(to, bytes);
    }

    private static void Cut(string from, string to)
    {
        var bytes = File.ReadAllBytes(from);
        File.WriteAllBytes(to, bytes[..(bytes.Length / 2)]);
    }
}
