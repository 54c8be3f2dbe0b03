using OpenCvSharp;

namespace EdgeStream.Video.Files;

/// <summary>
/// The one place where OpenCV's file errors become messages naming the file: missing, empty, a directory,
/// not openable (unsupported container or corrupt header; an audio-only file says it has no video stream), a decoder exception.
/// </summary>
internal static class VideoFileProbe
{
    /// <summary>A reason the path cannot be a video, or null.</summary>
    public static string? Check(string path)
    {
        if (Directory.Exists(path))
        {
            return $"{path} is a directory, not a video file";
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return $"video file not found: {path}";
        }

        return info.Length == 0 ? $"video file is empty (0 bytes): {path}" : null;
    }

    public static VideoCapture? Open(string path, out string? problem)
    {
        var capture = new VideoCapture();
        try
        {
            // FFMPEG explicitly: with ANY OpenCV may try its image-sequence backend on odd names.
            if (capture.Open(path, VideoCaptureAPIs.FFMPEG) && capture.IsOpened())
            {
                problem = null;
                return capture;
            }

            problem = MediaStreams.WhyNoVideo(path) is { } noVideo
                ? $"cannot open {path}: {noVideo}"
                : $"cannot open {path}: not a video OpenCV's FFmpeg can decode (unsupported format, corrupt or truncated file)";
        }
        catch (OpenCVException ex)
        {
            problem = $"cannot open {path}: {ex.Message}";
        }

        capture.Dispose();
        return null;
    }

    /// <summary>Reads the next frame. False with a null problem at the end of the file; false with a problem on a decoder error.</summary>
    public static bool TryRead(VideoCapture capture, Mat frame, string path, long index, out string? problem)
    {
        problem = null;
        try
        {
            return capture.Read(frame) && !frame.Empty();
        }
        catch (OpenCVException ex)
        {
            problem = $"{path}: decoder error at frame {index}: {ex.Message}";
            return false;
        }
    }

    /// <summary>The container promised clearly more frames than were decoded (counts from headers are approximate).</summary>
    public static bool LooksTruncated(long decoded, long expected) => expected > 0 && decoded < (expected * 0.95) - 1;
}
