using System.CommandLine;
using System.Globalization;
using EdgeStream.Host.Output;
using EdgeStream.Host.Replay;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Cli;

/// <summary>
/// <c>edgestream replay FILES...</c>: replays clips and CSVs through the real pipeline, as fast as possible and
/// deterministically, prints a summary table, optionally writes the events as JSON Lines and publishes to a broker.
/// Exit code 1 when a file could not be replayed (corrupt clip); the other files still run.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var files = new Argument<string[]>("files") { Description = "Clips (.mp4, .avi, ...) and sensor CSVs", Arity = ArgumentArity.OneOrMore };
        var outFile = new Option<string?>("--out", "-o") { Description = "Write every event as JSON Lines to this file (overwritten)" };
        var broker = new Option<string?>("--broker") { Description = "Also publish to this MQTT broker, e.g. mqtt://127.0.0.1:1883" };
        var device = new Option<string?>("--device") { Description = "Device id in events and topics (default: the config's)" };
        var actionModel = new Option<string?>("--action-model") { Description = "Model (name under EdgeStream:Models) for clips; default: the first action model" };
        var anomalyModel = new Option<string?>("--anomaly-model") { Description = "Model for CSVs; default: the anomaly model whose channels the CSV has" };
        var print = new Option<bool>("--print") { Description = "Print each event to stdout as it happens" };
        var command = new Command("replay", "Replay clips and CSVs through the pipeline, fast and deterministic; print a summary") { files, outFile, broker, device, actionModel, anomalyModel, print };
        common.AddTo(command);
        command.SetAction((result, _) => StartupErrors.GuardAsync(error, async () =>
        {
            var request = new ReplayRequest(result.GetValue(files) ?? [])
            {
                Config = common.Request(result),
                Out = result.GetValue(outFile),
                Broker = result.GetValue(broker),
                Device = result.GetValue(device),
                ActionModel = result.GetValue(actionModel),
                AnomalyModel = result.GetValue(anomalyModel),
                Print = result.GetValue(print),
            };
            var level = result.GetValue(common.Verbose) ? LogLevel.Information : LogLevel.Warning;
            using var interrupt = new InterruptSignal();
            ReplayResult replay;
            using (var bar = ProgressBar.ForTerminal(error, "replay"))
            {
                replay = await ReplayRunner.RunAsync(request, bar, level, interrupt.Token);
            }

            await output.WriteAsync(Render(replay));
            return replay.Interrupted ? ExitCodes.Interrupted : replay.Failed ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }

    internal static string Render(ReplayResult replay)
    {
        var table = new TextTable("stream", "model", "frames", "windows", "events", "drops", "rejects", "fps", "labels");
        foreach (var s in replay.Streams)
        {
            table.Add(
                s.Stream,
                s.Model,
                Count(s.Frames),
                Count(s.Windows),
                Count(s.Events),
                Count(s.Dropped),
                Count(s.Rejected),
                s.Fps.ToString("F0", CultureInfo.InvariantCulture),
                Labels(s));
        }

        var seconds = replay.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
        var tail = replay.Interrupted ? "interrupted" : $"{replay.Events.Count} events in {seconds} s";
        if (replay.SinkFailures > 0)
        {
            tail += string.Create(CultureInfo.InvariantCulture, $"; FAILED: {replay.SinkFailures} publishes were refused or timed out (the log names the sink and why), so not every event was delivered");
        }

        return table + tail + "\n";
    }

    /// <summary>The labels the stream's events started, why it failed, or why it had nothing to judge.</summary>
    private static string Labels(StreamSummary s) => s switch
    {
        { Failure: { } failure } => "FAILED: " + failure,
        { Labels.Count: > 0 } => string.Join(" > ", Runs(s.Labels)),
        { Windows: 0, Starved: { } starved } => $"- ({starved})",
        { Frames: > 0, Windows: 0 } => "- (shorter than one window of the model: nothing to judge)",
        _ => "-",
    };

    /// <summary>A label repeated in a row is written once with its count ("anomaly x55"), so a busy stream stays one readable line.</summary>
    private static IEnumerable<string> Runs(IReadOnlyList<string> labels)
    {
        for (var i = 0; i < labels.Count;)
        {
            var n = 1;
            while (i + n < labels.Count && labels[i + n] == labels[i])
            {
                n++;
            }

            yield return n == 1 ? labels[i] : string.Create(CultureInfo.InvariantCulture, $"{labels[i]} x{n}");
            i += n;
        }
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
