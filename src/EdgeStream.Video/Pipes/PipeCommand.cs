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
    /// The scaler uses area averaging, the closest match to the training side's cv2.INTER_AREA. With
    /// <paramref name="letterbox"/> the aspect is kept by the contract's rule (see <see cref="ScaleFilter"/>).
    /// </summary>
    public static PipeCommand ForNetwork(string ffmpeg, Uri url, int width, int height, TimeSpan ioTimeout, bool letterbox = false)
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

        args.AddRange(["-i", url.OriginalString, "-an", "-sn", "-dn", "-vf", ScaleFilter(width, height, letterbox), "-pix_fmt", "bgr24", "-f", "rawvideo", "pipe:1"]);
        var secret = string.IsNullOrEmpty(url.UserInfo) ? null : url.UserInfo;
        var display = secret is null ? url.OriginalString : url.OriginalString.Replace(secret, "***", StringComparison.Ordinal);
        return new PipeCommand(ffmpeg, args, $"ffmpeg {display}", width, height) { Secret = secret };
    }

    /// <summary>
    /// ffmpeg's filter to the model's size. Stretch: <c>scale=W:H</c>. Letterbox: the geometry of
    /// <see cref="EdgeStream.Core.Preprocessing.LetterboxGeometry"/> in ffmpeg's expressions (evaluated in double, as
    /// the C# side and the training side do), then <c>bgr24</c> before <c>pad</c> so no chroma subsampling rounds the
    /// offsets, then zero (black) bars. ffmpeg sees the source size, which the pipe source never does.
    /// </summary>
    public static string ScaleFilter(int width, int height, bool letterbox)
    {
        if (!letterbox)
        {
            return string.Create(CultureInfo.InvariantCulture, $"scale={width}:{height}:flags=area");
        }

        var s = string.Create(CultureInfo.InvariantCulture, $"min({width}/iw,{height}/ih)");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"scale=w='max(1,floor(iw*{s}+0.5))':h='max(1,floor(ih*{s}+0.5))':flags=area,format=bgr24,pad={width}:{height}:'floor((ow-iw)/2)':'floor((oh-ih)/2)':black");
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
