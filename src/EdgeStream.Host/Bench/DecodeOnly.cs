using System.Diagnostics;
using EdgeStream.Host.Composition;
using OpenCvSharp;

namespace EdgeStream.Host.Bench;

/// <summary>The baseline: decode every frame of the clip with the same OpenCV/FFmpeg the pipeline uses, nothing else.</summary>
internal static class DecodeOnly
{
    public static (long Frames, TimeSpan Elapsed) Run(string path)
    {
        using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened())
        {
            throw new StartupException($"{path}: OpenCV cannot open it as a video");
        }

        using var frame = new Mat();
        long frames = 0;
        var clock = Stopwatch.StartNew();
        while (capture.Read(frame) && !frame.Empty())
        {
            frames++;
        }

        return (frames, clock.Elapsed);
    }
}
