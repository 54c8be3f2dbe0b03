namespace EdgeStream.Video.Tests.Support;

/// <summary>Where the repository, the shared data and the external tools are; what is missing and why.</summary>
internal static class TestEnvironment
{
    private static readonly Lazy<string?> FfmpegMissing = new(() => Tools.Failure("ffmpeg", "-version"));

    private static readonly Lazy<string?> RtspMissing = new(() => FfmpegMissing.Value ?? Tools.Failure(
        "/usr/bin/python3",
        "-c",
        "import gi; gi.require_version('Gst','1.0'); gi.require_version('GstRtspServer','1.0'); from gi.repository import Gst, GstRtspServer; Gst.init(None); assert Gst.ElementFactory.find('qtdemux') and Gst.ElementFactory.find('h264parse') and Gst.ElementFactory.find('rtph264pay'), 'gstreamer plugins good/bad missing'"));

    public static string RepoRoot => Repo.Root;

    public static string SharedClips => Path.Combine(Repo.SharedData, "clips");

    public static string CommittedClips => Path.Combine(RepoRoot, "models", "samples", "clips");

    /// <summary>Why ffmpeg tests cannot run here (null: they can).</summary>
    public static string? WhyNoFfmpeg => FfmpegMissing.Value is { } m ? $"ffmpeg is not installed ({m}); apt-get install ffmpeg" : null;

    /// <summary>Why the RTSP server tests cannot run here (null: they can).</summary>
    public static string? WhyNoRtsp => RtspMissing.Value is { } m
        ? $"the RTSP test server cannot run ({m}); apt-get install --no-install-recommends ffmpeg gir1.2-gst-rtsp-server-1.0 python3-gi gstreamer1.0-plugins-good gstreamer1.0-plugins-bad"
        : null;

    public static string? WhyNoSharedClips => Directory.Exists(SharedClips) ? null : $"shared clips folder {SharedClips} is absent";
}

/// <summary>A fact that is skipped, with the reason shown, when ffmpeg is missing.</summary>
internal sealed class FfmpegFactAttribute : FactAttribute
{
    public FfmpegFactAttribute() => Skip = TestEnvironment.WhyNoFfmpeg;
}

/// <summary>A fact that is skipped, with the reason shown, when the GStreamer RTSP server or ffmpeg is missing.</summary>
internal sealed class RtspFactAttribute : FactAttribute
{
    public RtspFactAttribute() => Skip = TestEnvironment.WhyNoRtsp;
}

/// <summary>A theory that is skipped, with the reason shown, when ffmpeg is missing.</summary>
internal sealed class FfmpegTheoryAttribute : TheoryAttribute
{
    public FfmpegTheoryAttribute() => Skip = TestEnvironment.WhyNoFfmpeg;
}
