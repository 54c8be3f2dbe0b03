using System.Diagnostics;
using EdgeStream.Host.Composition;
using OpenCvSharp;

namespace EdgeStream.Host.Bench;

/// <summary>The baseline: decode every frame of the clip with the same OpenCV/FFmpeg the pipeline uses, nothing else.</summary>
internal static class DecodeOnly
{
    /// <summary>Decodes the clip pass after pass (reopening it, as a looping source does) until <paramref name="minFrames"/> frames were read.</summary>
    public static (long Frames, TimeSpan Elapsed) Run(string path, long minFrames)
    {
        using var frame = new Mat();
        long frames = 0;
        var clock = Stopwatch.StartNew();
        while (frames < minFrames)
        {
            using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
            if (!capture.IsOpened())
            {
                throw new StartupException($"{path}: OpenCV cannot open it as a video");
            }

            var before = frames;
            while (capture.Read(frame) && !frame.Empty())
            {
                frames++;
            }

            if (frames == before)
            {
                throw new StartupException($"{path}: no frame could be decoded");
            }
        }

        return (frames, clock.Elapsed);
    }
}
