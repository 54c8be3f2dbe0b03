using EdgeStream.Host.Hosting;
using EdgeStream.Host.Replay;
using EdgeStream.Video.Preprocessing;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Bench;

/// <summary>
/// End-to-end replay throughput against decode-only throughput of the same clip, alternated run by run in one
/// process so both see the same machine load; the ratio of the medians is the number to report. The clip is looped
/// (both sides) until enough frames were read that start-up and drain are small next to the measured stretch.
/// </summary>
internal static class BenchRunner
{
    public static async Task<BenchResult> RunAsync(string clip, ConfigRequest config, int runs, long frames, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        var path = Path.GetFullPath(clip);

        // The pipeline's sources set OpenCV's thread count once per process; the baseline must decode under the same setting.
        OpenCvRuntime.ConfigureOnce(OpenCvRuntime.DefaultThreads(Environment.ProcessorCount));
        var rows = new List<BenchRow>(runs);
        for (var run = 1; run <= runs && !cancellationToken.IsCancellationRequested; run++)
        {
            var (decoded, decodeTime) = DecodeOnly.Run(path, frames);
            var replay = await ReplayRunner.RunAsync(new ReplayRequest([path]) { Config = config, StopAfterSteps = frames }, null, LogLevel.Warning, cancellationToken);
            var stream = replay.Streams[0];
            if (stream.Failure is not null)
            {
                throw new Composition.StartupException($"{path}: {stream.Failure}");
            }

            rows.Add(new BenchRow(run, decoded, decoded / decodeTime.TotalSeconds, stream.Frames, stream.Windows, stream.Frames / replay.Elapsed.TotalSeconds));
        }

        return new BenchResult(path, Environment.ProcessorCount, rows);
    }
}

internal sealed record BenchRow(int Run, long DecodedFrames, double DecodeFps, long PipelineFrames, long Windows, double PipelineFps)
{
    public double Ratio => PipelineFps / DecodeFps;
}

internal sealed record BenchResult(string Clip, int Cores, IReadOnlyList<BenchRow> Rows)
{
    public double MedianDecodeFps => Median(Rows.Select(r => r.DecodeFps));

    public double MedianPipelineFps => Median(Rows.Select(r => r.PipelineFps));

    public double Ratio => MedianPipelineFps / MedianDecodeFps;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
