using System.Diagnostics;
using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Sinks;
using EdgeStream.Core.Pipeline;
using EdgeStream.Host.Composition;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Hosting;
using EdgeStream.Video.Capture;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Replay;

/// <summary>
/// Replays files through the real pipeline, deterministically: fast pacing, lossless queues, clips on a fixed time
/// base (<see cref="ReplayRequest.Epoch"/>), CSVs on their own timestamps. Returns the summary and every event.
/// A corrupt file fails only its own stream (it shows in the summary); bad config or models throw at start.
/// </summary>
internal static class ReplayRunner
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    public static async Task<ReplayResult> RunAsync(ReplayRequest request, IProgress<ReplayProgress>? progress, LogLevel logLevel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var inputs = ReplayInput.From(request.Files, request.CurrentDirectory);
        if (inputs.Count == 0)
        {
            throw new StartupException("replay: name at least one clip or CSV file");
        }

        var builder = EdgeStreamHostBuilder.Create(request.Config, logLevel);
        builder.Services.AddSingleton<IPostConfigureOptions<EdgeStreamOptions>>(new ReplayOptionsSetup(request, inputs));
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<EdgeStreamOptions>>().Value;
        var video = host.Services.GetRequiredService<IOptions<VideoSourceOptions>>().Value;
        var file = host.Services.GetRequiredService<ConfigFile>();
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        var recorder = new EventRecorder();
        List<IEventSink> extra = [recorder];
        if (request.Out is { } outPath)
        {
            extra.Add(OpenOut(Path.GetFullPath(outPath, request.CurrentDirectory)));
        }

        var assemblyRequest = new AssemblyRequest(options, video, file.Directory, loggers, TimeProvider.System) { ExtraSinks = extra, Epoch = ReplayRequest.Epoch, ScoreRecorders = request.ScoreRecorders };
        PipelineAssembly assembly;
        try
        {
            assembly = await PipelineAssembly.BuildAsync(assemblyRequest, cancellationToken);
        }
        catch
        {
            foreach (var sink in extra)
            {
                await sink.DisposeAsync();
            }

            throw;
        }

        await using (assembly)
        {
            long? total = progress is null ? null : inputs.Select(InputSize.Steps).Aggregate((long?)0, (sum, n) => sum + n);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var clock = Stopwatch.StartNew();
            var run = assembly.Pipeline.RunAsync(stop.Token);
            while (!run.IsCompleted)
            {
                var snapshot = assembly.Pipeline.Snapshot();
                progress?.Report(Progress(snapshot, total, clock.Elapsed));
                if (snapshot.Sum(s => s.Steps) >= request.StopAfterSteps)
                {
                    // Enough looped input: stop the sources; what they read still drains and is counted.
                    await stop.CancelAsync();
                }

                await Task.WhenAny(run, Task.Delay(request.StopAfterSteps is null ? ProgressInterval : PollInterval, CancellationToken.None));
            }

            await run;
            var elapsed = clock.Elapsed;
            progress?.Report(Progress(assembly.Pipeline.Snapshot(), total, elapsed));
            var events = recorder.Events;
            var streams = Summarise(assembly.Pipeline.Snapshot(), inputs, options, events, elapsed);
            return new ReplayResult(streams, events, elapsed, cancellationToken.IsCancellationRequested, assembly.Pipeline.SinkFailures);
        }
    }

    private static JsonlEventSink OpenOut(string path)
    {
        try
        {
            return JsonlEventSink.Open(path, append: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"--out: cannot write '{path}': {e.Message}", e);
        }
    }

    private static ReplayProgress Progress(IReadOnlyList<StreamSnapshot> snapshot, long? total, TimeSpan elapsed) =>
        new(snapshot.Sum(s => s.Steps), total, snapshot.Sum(s => s.Judged), snapshot.Sum(s => s.Events), elapsed);

    private static List<StreamSummary> Summarise(IReadOnlyList<StreamSnapshot> snapshot, IReadOnlyList<ReplayInput> inputs, EdgeStreamOptions options, IReadOnlyList<DetectionEvent> events, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-3);
        return [.. snapshot.Select((s, i) => new StreamSummary(
            s.Stream,
            inputs[i].Path,
            options.Streams[i].Model,
            s.Steps,
            s.Judged,
            s.Events,
            ReplayResult.StartedLabels(events, s.Stream),
            s.StepsDropped + s.WindowsDropped,
            s.Rejected,
            s.Steps / seconds,
            s.Reason is { } reason && reason.StartsWith("source failed", StringComparison.Ordinal) ? reason : null,
            s.Starved))];
    }
}
