using OpenCvSharp;

namespace EdgeStream.Video.Preprocessing;

/// <summary>
/// Process-wide OpenCV settings. OpenCV's own thread pool competes with ONNX Runtime and the capture
/// threads; on a 2-core box one OpenCV thread is fastest (docs/video.md, <c>OpenCvThreads</c>), so this is set once at start.
/// </summary>
public static class OpenCvRuntime
{
    private static int _configured;

    /// <summary>Sets <c>cv::setNumThreads</c> the first time it is called; later calls are ignored (returns false).</summary>
    public static bool ConfigureOnce(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return false;
        }

        Cv2.SetNumThreads(threads);
        return true;
    }

    /// <summary>OpenCV threads a box with <paramref name="cores"/> cores should use: 1 up to 4 cores, else half.</summary>
    public static int DefaultThreads(int cores) => cores <= 4 ? 1 : cores / 2;
}
