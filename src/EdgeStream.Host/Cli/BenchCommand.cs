using System.CommandLine;
using System.Globalization;
using EdgeStream.Host.Bench;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Output;

namespace EdgeStream.Host.Cli;

/// <summary><c>edgestream bench CLIP</c>: end-to-end replay frames/s next to decode-only frames/s of the same clip, same run.</summary>
internal static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var clip = new Argument<string>("clip") { Description = "The clip to measure (default config's models judge it)" };
        var runs = new Option<int>("--runs") { Description = "Alternating decode-only / pipeline runs; medians are reported", DefaultValueFactory = _ => 5 };
        var frames = new Option<long>("--frames") { Description = "Frames per measurement (the clip is looped to reach it)", DefaultValueFactory = _ => 3000 };
        var command = new Command("bench", "Measure end-to-end replay throughput against decode-only throughput of the same clip") { clip, runs, frames };
        common.AddTo(command);
        command.SetAction((result, _) => StartupErrors.GuardAsync(error, async () =>
        {
            // Checked before anything opens: a bad count is a usage error (exit 2), not an exception from the runner.
            var problems = new List<string>();
            if (result.GetValue(frames) < 1)
            {
                problems.Add($"--frames: {result.GetValue(frames)} must be at least 1 (frames per measurement)");
            }

            if (result.GetValue(runs) < 1)
            {
                problems.Add($"--runs: {result.GetValue(runs)} must be at least 1");
            }

            if (problems.Count > 0)
            {
                throw new ConfigurationException(problems);
            }

            using var interrupt = new InterruptSignal();
            var bench = await BenchRunner.RunAsync(result.GetValue(clip)!, common.Request(result), result.GetValue(runs), result.GetValue(frames), interrupt.Token);
            await output.WriteAsync(Render(bench));
            return interrupt.Token.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
        }));
        return command;
    }

    internal static string Render(BenchResult bench)
    {
        var table = new TextTable("run", "decoded", "decode-only fps", "pipeline frames", "windows", "pipeline fps", "ratio");
        foreach (var r in bench.Rows)
        {
            table.Add(I(r.Run), I(r.DecodedFrames), F(r.DecodeFps, 0), I(r.PipelineFrames), I(r.Windows), F(r.PipelineFps, 0), F(r.Ratio, 2));
        }

        return $"clip {bench.Clip}, {I(bench.Cores)} cores\n{table}"
            + $"median: decode-only {F(bench.MedianDecodeFps, 0)} fps, pipeline {F(bench.MedianPipelineFps, 0)} fps, ratio {F(bench.Ratio, 2)}\n";
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value, int decimals) => value.ToString("F" + I(decimals), CultureInfo.InvariantCulture);
}
