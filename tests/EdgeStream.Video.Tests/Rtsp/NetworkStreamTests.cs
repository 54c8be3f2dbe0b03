using System.Diagnostics;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Pipes;
using EdgeStream.Video.Tests.Support;

namespace EdgeStream.Video.Tests.Rtsp;

/// <summary>Network streams through the ffmpeg pipe source against real servers on 127.0.0.1.</summary>
[Collection(RtspServerTests.Name)]
public class NetworkStreamTests
{
    private static VideoSourceFactory Factory(VideoSourceOptions options) => new(options);

    [RtspFact]
    public async Task RunAsync_RtspServer_ReadsFramesOfTheClip()
    {
        await using var server = await RtspTestServer.StartOnFreePortAsync();
        await using var source = Factory(Sources.FastRetries(maxAttempts: null)).Create(new StreamOptions { Id = "rtsp", Uri = server.Url }, Sources.Spec);
        var writer = Sources.Writer();
        using var stop = new CancellationTokenSource();

        Assert.IsType<PipeSource>(source);
        var run = source.RunAsync(writer, stop.Token);
        await writer.WaitUntilAsync(w => w.Count >= 40, "40 frames over RTSP");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        var steps = writer.Steps;
        Assert.Equal(Enumerable.Range(0, steps.Count).Select(i => (long)i), steps.Select(s => s.Sequence));
        Assert.True(steps.Select(s => s.Mean).Distinct().Count() > 5, "the frames show the moving test pattern");
        Assert.Equal(StreamHealth.Online, writer.Health[0].Health);
        Assert.Empty(writer.Rejects);
    }

    [RtspFact]
    public async Task RunAsync_RtspServerKilledAndRestarted_ReportsOfflineThenResumes()
    {
        var server = await RtspTestServer.StartOnFreePortAsync();
        var port = server.Port;
        await using var source = Factory(Sources.FastRetries(maxAttempts: null)).Create(new StreamOptions { Id = "rtsp", Uri = server.Url }, Sources.Spec);
        var writer = Sources.Writer();
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);
        try
        {
            await writer.WaitUntilAsync(w => w.Count >= 10, "frames before the server dies");

            await server.DisposeAsync();
            await writer.WaitUntilAsync(w => w.Health.Any(h => h.Health == StreamHealth.Offline), "the stream reported offline");
            var framesWhileDown = writer.Count;
            server = await RtspTestServer.StartAsync(port);
            await writer.WaitUntilAsync(w => w.Count >= framesWhileDown + 10, "frames after the server came back");
        }
        finally
        {
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
            await server.DisposeAsync();
        }

        var offline = writer.Health.First(h => h.Health == StreamHealth.Offline).Reason;
        Assert.Contains("rtsp://127.0.0.1", offline, StringComparison.Ordinal);
        Assert.Contains("retry 1 in", offline, StringComparison.Ordinal);
        Assert.True(writer.Health.Count(h => h.Health == StreamHealth.Online) >= 2, "online again after the reconnect");
    }

    [FfmpegFact]
    public async Task RunAsync_UdpMpegTs_ReadsFrames()
    {
        var port = FreePort.NextUdp();
        var url = $"udp://127.0.0.1:{port}";
        await using var source = Factory(Sources.FastRetries(maxAttempts: null)).Create(new StreamOptions { Id = "udp", Uri = url }, Sources.Spec);
        var writer = Sources.Writer();
        using var stop = new CancellationTokenSource();
        var run = source.RunAsync(writer, stop.Token);
        using var sender = StartUdpSender(url);
        try
        {
            await writer.WaitUntilAsync(w => w.Count >= 20, "20 frames over UDP MPEG-TS");
        }
        finally
        {
            sender.Kill(entireProcessTree: true);
            await stop.CancelAsync();
            await run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.True(writer.Steps.Select(s => s.Mean).Distinct().Count() > 5, "the frames show the moving test pattern");
    }

    private static Process StartUdpSender(string url)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        // Encoded live (libx264 repeats SPS/PPS at every keyframe in MPEG-TS), so a reader joining mid-stream can decode.
        string[] args = ["-hide_banner", "-loglevel", "error", "-nostdin", "-re", "-f", "lavfi", "-i", $"testsrc=size={TestClips.Width}x{TestClips.Height}:rate={TestClips.Fps}",
            "-c:v", "libx264", "-g", "15", "-pix_fmt", "yuv420p", "-f", "mpegts", $"{url}?pkt_size=1316"];
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }
}
