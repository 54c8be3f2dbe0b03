using EdgeStream.Core.Sources;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Files;
using EdgeStream.Video.Preprocessing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Video.Tests.Support;

/// <summary>Builds real sources with small sizes and short backoffs for tests.</summary>
internal static class Sources
{
    public static readonly PreprocessSpec Spec = new() { Width = 32, Height = 24, ColorOrder = "rgb", Mean = [0.5f, 0.5f, 0.5f], Std = [0.5f, 0.5f, 0.5f] };

    public static VideoSourceOptions FastRetries(int? maxAttempts) => new()
    {
        ReconnectInitialSeconds = 0.05,
        ReconnectMaxSeconds = 0.2,
        MaxReconnectAttempts = maxAttempts,
        StallTimeoutSeconds = 5,
        ConnectTimeoutSeconds = 30,
    };

    public static VideoFileSource File(string path, bool loop = false, bool realtime = false, VideoSourceOptions? options = null, TimeProvider? time = null)
        => new("test", path, new FramePreprocessor(Spec), new VideoFileSettings(loop, realtime, DateTimeOffset.UnixEpoch), options ?? FastRetries(0), time ?? TimeProvider.System, NullLogger.Instance);

    public static RecordingWriter Writer(bool keepData = false) => new(Spec.Length) { KeepData = keepData };

    /// <summary>Runs the source to completion (or until the timeout, which fails the test).</summary>
    public static async Task RunToEndAsync(IStreamSource source, IStepWriter writer, double seconds = 120)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var run = Sources.Start(source, writer, timeout.Token);
        await run.WaitAsync(TimeSpan.FromSeconds(seconds + 5));
        Assert.False(timeout.IsCancellationRequested, $"source did not finish within {seconds} s");
    }

    /// <summary>Runs a source on the thread pool, as the pipeline does (a file source blocks while it decodes).</summary>
    public static Task Start(IStreamSource source, IStepWriter writer, CancellationToken cancellationToken) =>
        Task.Run(() => source.RunAsync(writer, cancellationToken), CancellationToken.None);

    public static string? LastOffline(RecordingWriter writer) => writer.Health.LastOrDefault(h => h.Health == StreamHealth.Offline).Reason;
}
