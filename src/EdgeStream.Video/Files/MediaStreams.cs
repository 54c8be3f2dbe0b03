using System.ComponentModel;
using System.Diagnostics;

namespace EdgeStream.Video.Files;

/// <summary>
/// What a file OpenCV cannot open holds, asked of <c>ffprobe</c> (Debian package ffmpeg, which network streams need
/// anyway), so the reason can say "no video stream" for an audio file instead of the generic "cannot decode".
/// Only asked after OpenCV failed, so a good file never pays for it.
/// </summary>
internal static class MediaStreams
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>
    /// "it holds no video stream (only audio pcm_s16le)" when ffprobe lists streams and none is video; null when it
    /// lists a video stream, lists nothing (not media at all) or cannot say (not installed, timed out).
    /// </summary>
    public static string? WhyNoVideo(string path)
    {
        var info = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-v", "error", "-show_entries", "stream=codec_type,codec_name", "-of", "csv=p=0", "--", path])
        {
            info.ArgumentList.Add(argument);
        }

        string output;
        try
        {
            using var process = Process.Start(info)!;
            var read = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            output = read.GetAwaiter().GetResult();
        }
        catch (Win32Exception)
        {
            // No ffprobe on this machine: the caller's generic reason stands, which is still true.
            return null;
        }

        // Lines are "codec_name,codec_type" (ffprobe's field order), for example "pcm_s16le,audio".
        var streams = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(','))
            .Where(parts => parts.Length == 2)
            .Select(parts => (Codec: parts[0], Type: parts[1]))
            .ToList();
        if (streams.Count == 0 || streams.Any(s => s.Type == "video"))
        {
            return null;
        }

        return $"it holds no video stream (only {string.Join(", ", streams.Select(s => $"{s.Type} {s.Codec}"))})";
    }
}
