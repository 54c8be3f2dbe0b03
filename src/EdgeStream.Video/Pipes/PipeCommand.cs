using System.Globalization;

namespace EdgeStream.Video.Pipes;

/// <summary>
/// A child process that writes raw <c>bgr24</c> frames of a known size to stdout: ffmpeg reading a network
/// stream, or any command (<c>pipe:COMMAND</c>, e.g. a GStreamer pipeline ending in <c>fdsink</c>) run by
/// <c>/bin/sh -c</c>. <see cref="Display"/> and <see cref="Redact"/> hide URL credentials from logs.
/// </summary>
public sealed record PipeCommand(string FileName, IReadOnlyList<string> Arguments, string Display, int Width, int Height)
{
    private string? Secret { get; init; }

    /// <summary>Bytes per frame (bgr24).</summary>
    public int FrameBytes => Width * Height * 3;

    /// <summary>
    /// ffmpeg reading <paramref name="url"/> and writing frames scaled to <paramref name="width"/> x <paramref name="height"/>.
    /// The scaler uses area averaging, the closest match to the training side's cv2.INTER_AREA.
    /// </summary>
    public static PipeCommand ForNetwork(string ffmpeg, Uri url, int width, int height, TimeSpan ioTimeout)
    {
        ArgumentNullException.ThrowIfNull(url);
        var micros = ((long)ioTimeout.TotalMicroseconds).ToString(CultureInfo.InvariantCulture);
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "warning" };
        switch (url.Scheme)
        {
            case "rtsp" or "rtsps":
                // TCP: no lost packets (smeared frames) behind NAT; -timeout: socket I/O timeout, so a dead server ends the read.
                args.AddRange(["-rtsp_transport", "tcp", "-timeout", micros]);
                break;
            case "udp":
                args.AddRange(["-timeout", micros]);
                break;
            default:
                args.AddRange(["-rw_timeout", micros]);
                break;
        }

        var size = string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}:flags=area");
        args.AddRange(["-i", url.OriginalString, "-an", "-sn", "-dn", "-vf", size, "-pix_fmt", "bgr24", "-f", "rawvideo", "pipe:1"]);
        var secret = string.IsNullOrEmpty(url.UserInfo) ? null : url.UserInfo;
        var display = secret is null ? url.OriginalString : url.OriginalString.Replace(secret, "***", StringComparison.Ordinal);
        return new PipeCommand(ffmpeg, args, $"ffmpeg {display}", width, height) { Secret = secret };
    }

    /// <summary>A shell command writing <paramref name="width"/> x <paramref name="height"/> bgr24 frames to stdout.</summary>
    public static PipeCommand ForShell(string command, int width, int height)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        return new PipeCommand("/bin/sh", ["-c", command], command, width, height);
    }

    /// <summary>Hides the URL's user:password in a line of the child's output.</summary>
    public string Redact(string line) => Secret is null ? line : line.Replace(Secret, "***", StringComparison.Ordinal);

    public override string ToString() => Display;
}
