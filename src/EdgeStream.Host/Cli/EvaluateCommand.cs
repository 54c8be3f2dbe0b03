using System.CommandLine;
using System.Diagnostics;
using EdgeStream.Host.Evaluation;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Cli;

/// <summary>
/// <c>edgestream evaluate nab|skab CORPUS</c>: a labelled corpus replayed through the real pipeline (the replay
/// runner, the configured anomaly models) and scored with the benchmark's own rules; prints per file, per category,
/// totals and the published leaderboard with our rows in it. docs/evaluation.md says how to lay out your own data.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var evaluate = new Command("evaluate", "Score the anomaly detector on a labelled corpus with a benchmark's rules (NAB, SKAB)");
        evaluate.Subcommands.Add(Nab(output, error));
        evaluate.Subcommands.Add(Skab(output, error));
        return evaluate;
    }

    private static Command Skab(TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var corpus = new Argument<string>("corpus") { Description = "SKAB v0.9: a folder with data/valve1, data/valve2 and data/other, e.g. ../shared/data/skab" };
        var model = new Option<string?>("--anomaly-model") { Description = "Model (name under EdgeStream:Models); default: the anomaly model whose channels the CSVs have" };
        var command = new Command("skab", "SKAB v0.9 scoring: outlier track (F1, FAR, MAR) and changepoint track (SKAB's NAB), beside the leaderboard") { corpus, model };
        common.AddTo(command);
        command.SetAction((result, _) => StartupErrors.GuardAsync(error, async () =>
        {
            var request = Request(result, common, corpus, model);
            using var interrupt = new InterruptSignal();
            var clock = Stopwatch.StartNew();
            var evaluation = await SkabEvaluation.RunAsync(request, interrupt.Token);
            await output.WriteAsync(SkabReport.Render(evaluation, clock.Elapsed));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static EvaluateRequest Request(ParseResult result, CommonOptions common, Argument<string> corpus, Option<string?> model) =>
        new(result.GetValue(corpus)!)
        {
            Config = common.Request(result),
            AnomalyModel = result.GetValue(model),
            LogLevel = result.GetValue(common.Verbose) ? LogLevel.Information : LogLevel.Warning,
        };

    private static Command Nab(TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var corpus = new Argument<string>("corpus") { Description = "A corpus in NAB's layout: data/<category>/*.csv and labels/combined_windows.json, e.g. ../shared/data/nab" };
        var model = new Option<string?>("--anomaly-model") { Description = "Model (name under EdgeStream:Models); default: the anomaly model whose channels each CSV has" };
        var rows = new Option<string?>("--rows") { Description = "Also write every file's scored rows here, in NAB's results layout" };
        var command = new Command("nab", "NAB v1.1 scoring: shipped events and NAB's protocol (best corpus threshold per profile), beside the scoreboard") { corpus, model, rows };
        common.AddTo(command);
        command.SetAction((result, _) => StartupErrors.GuardAsync(error, async () =>
        {
            var request = Request(result, common, corpus, model);
            using var interrupt = new InterruptSignal();
            var clock = Stopwatch.StartNew();
            var evaluation = await NabEvaluation.RunAsync(NabCorpus.Open(request.Corpus), request, interrupt.Token);
            if (result.GetValue(rows) is { } folder)
            {
                NabRowsWriter.Write(Path.GetFullPath(folder), evaluation);
            }

            await output.WriteAsync(NabReport.Render(evaluation, clock.Elapsed));
            return ExitCodes.Ok;
        }));
        return command;
    }
}
