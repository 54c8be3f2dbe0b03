using EdgeStream.Host.Composition;
using EdgeStream.Host.Replay;

namespace EdgeStream.Host.Evaluation;

/// <summary>One labelled file after its replay: its replay summary and every window the pipeline judged in it.</summary>
internal sealed record ReplayedFile(string Path, StreamSummary Summary, ScoreTrace Trace);

/// <summary>
/// A benchmark corpus through the real pipeline, exactly as <c>edgestream replay</c> runs it (fast pacing,
/// lossless queues, the configured anomaly model, <c>--set Streams:N:...</c> honoured), with a score recorder on
/// every stream. All files run at once as streams of one pipeline, so the corpus takes the time of its longest
/// file's share of the cores rather than the sum of 58 start-ups.
/// </summary>
internal static class CorpusReplay
{
    public static async Task<IReadOnlyList<ReplayedFile>> RunAsync(IReadOnlyList<string> files, EvaluateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(request);
        var inputs = ReplayInput.From(files, request.CurrentDirectory);
        var traces = inputs.ToDictionary(i => i.StreamId, _ => new ScoreTrace(), StringComparer.Ordinal);
        var replay = new ReplayRequest(files)
        {
            Config = request.Config,
            AnomalyModel = request.AnomalyModel,
            CurrentDirectory = request.CurrentDirectory,
            ScoreRecorders = id => traces.GetValueOrDefault(id),
        };
        var result = await ReplayRunner.RunAsync(replay, null, request.LogLevel, cancellationToken);
        if (result.Interrupted)
        {
            throw new OperationCanceledException("evaluate was interrupted", cancellationToken);
        }

        var failed = result.Streams.Where(s => s.Failure is not null).ToArray();
        if (failed.Length > 0)
        {
            throw new StartupException($"evaluate: {failed.Length} file(s) could not be replayed, so the corpus cannot be scored: "
                + string.Join("; ", failed.Select(f => $"{f.Input}: {f.Failure}")));
        }

        return [.. inputs.Select((input, i) => new ReplayedFile(input.Path, result.Streams[i], traces[input.StreamId]))];
    }
}
