using OpenCvSharp;

namespace EdgeStream.Host.Replay;

/// <summary>How many steps a file holds, for the progress bar only: the container's frame count or the CSV's data rows.</summary>
internal static class InputSize
{
    public static long? Steps(ReplayInput input)
    {
        try
        {
            return input.IsSensor ? Math.Max(0, File.ReadLines(input.Path).LongCount() - 1) : Frames(input.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OpenCVException)
        {
            // Unknown size: the bar shows counts without a percentage; the source reports the real problem.
            return null;
        }
    }

    private static long? Frames(string path)
    {
        using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        return capture.IsOpened() && capture.FrameCount > 0 ? capture.FrameCount : null;
    }
}
