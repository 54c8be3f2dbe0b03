using System.Globalization;

namespace EdgeStream.Video;

public enum VideoUriKind
{
    /// <summary>A video file decoded by OpenCV.</summary>
    File,

    /// <summary>A V4L2 camera (<c>/dev/videoN</c>, <c>v4l2:N</c>).</summary>
    Camera,

    /// <summary>A network stream read by an ffmpeg child process (rtsp, http(s), udp, ...).</summary>
    Network,

    /// <summary>An arbitrary command writing raw bgr24 frames (<c>pipe:COMMAND</c>).</summary>
    Pipe,
}

/// <summary>
/// A stream URI classified the way <c>StreamOptions.Uri</c> documents it. Sensor URIs (<c>csv:</c>, <c>*.csv</c>,
/// <c>mqtt:</c>) are not video: <see cref="TryParse"/> returns false for them.
/// </summary>
public sealed record VideoUri(VideoUriKind Kind, string Target, int? CameraIndex = null)
{
    private static readonly string[] NetworkSchemes = ["rtsp", "rtsps", "http", "https", "udp", "rtmp", "srt", "tcp"];

    /// <summary>True when <paramref name="uri"/> names a video input; throws for a video URI that is malformed (naming it).</summary>
    public static bool TryParse(string? uri, out VideoUri? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(uri))
        {
            return false;
        }

        uri = uri.Trim();
        if (uri.StartsWith("csv:", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("mqtt:", StringComparison.OrdinalIgnoreCase)
            || uri.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        result = Classify(uri);
        return true;
    }

    private static VideoUri Classify(string uri)
    {
        if (uri.StartsWith("pipe:", StringComparison.OrdinalIgnoreCase))
        {
            var command = uri["pipe:".Length..].Trim();
            return command.Length == 0 ? throw Bad(uri, "pipe: needs a command after the colon") : new VideoUri(VideoUriKind.Pipe, command);
        }

        if (uri.StartsWith("v4l2:", StringComparison.OrdinalIgnoreCase))
        {
            var device = uri["v4l2:".Length..].Trim();
            if (int.TryParse(device, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                return new VideoUri(VideoUriKind.Camera, $"/dev/video{index.ToString(CultureInfo.InvariantCulture)}", index);
            }

            return device.StartsWith("/dev/", StringComparison.Ordinal)
                ? new VideoUri(VideoUriKind.Camera, device)
                : throw Bad(uri, "v4l2: needs a device index (v4l2:0) or a /dev path");
        }

        if (uri.StartsWith("/dev/video", StringComparison.Ordinal))
        {
            return new VideoUri(VideoUriKind.Camera, uri);
        }

        var colon = uri.IndexOf("://", StringComparison.Ordinal);
        if (colon > 0)
        {
            var scheme = uri[..colon].ToLowerInvariant();
            if (scheme == "file")
            {
                return new VideoUri(VideoUriKind.File, new Uri(uri).LocalPath);
            }

            return NetworkSchemes.Contains(scheme) && Uri.TryCreate(uri, UriKind.Absolute, out _)
                ? new VideoUri(VideoUriKind.Network, uri)
                : throw Bad(uri, $"unsupported scheme '{scheme}' (use {string.Join(", ", NetworkSchemes)}, a file path, /dev/videoN, v4l2:N or pipe:COMMAND)");
        }

        return new VideoUri(VideoUriKind.File, uri);
    }

    private static ArgumentException Bad(string uri, string problem) => new($"Stream URI '{uri}': {problem}.");
}
