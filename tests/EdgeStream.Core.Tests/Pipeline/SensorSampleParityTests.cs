using System.Globalization;
using EdgeStream.Core.Events;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Tests.Support;
using static EdgeStream.Core.Tests.Support.PipelineHarness;
using static EdgeStream.Core.Tests.Support.RepoPaths;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Pipeline;

/// <summary>
/// The committed sensor sample (models/samples/sensors/pump_8ch_anomalies.csv, 3600 rows, 8 channels) through the
/// pipeline with a persistence forecaster (forecast = last row of the window), against the Python reference run on
/// the same file with the same forecaster:
/// <c>score_stream(raw, 32, 400, ScoreParams(0.1, 100, thr, enter, exit, 1e-3), lambda w: w[:, -1, :])</c>.
/// Only the model is replaced; warm-up normalisation, windows with the next sample as target, error, EWMA,
/// baseline and hysteresis are the pipeline's own.
/// </summary>
public sealed class SensorSampleParityTests
{
    private static readonly DateTimeOffset FileStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<double, int, int, int[][]> Cases => new()
    {
        // The shipped model's thresholds (defaults.score.threshold 12, enterWindows 5, exitWindows 60).
        { 12.0, 5, 60, [[1200, 1204, 1220, 1280], [3000, 3004, 3139, 3199]] },
        { 6.0, 3, 20, [[1200, 1202, 1227, 1247], [1800, 1802, 1803, 1823], [1980, 1982, 1983, 2003], [2400, 2402, 2406, 2426], [3000, 3002, 3149, 3169]] },
    };

    private static List<TestStep> ReadCsv(string path)
    {
        var steps = new List<TestStep>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var cells = line.Split(',');
            var values = cells.Skip(1).Select(c => float.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            steps.Add(new TestStep(steps.Count, DateTimeOffset.Parse(cells[0], CultureInfo.InvariantCulture), values));
        }

        return steps;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RunAsync_PumpSample_SameEventsAsPythonReference(double threshold, int enter, int exit, int[][] expected)
    {
        var steps = ReadCsv(Sample("sensors/pump_8ch_anomalies.csv"));
        var manifest = Anomaly(
            channels: 8,
            window: 32,
            new NormalisationSpec { Kind = "warmup", WarmupSamples = 400, MinStd = 1e-6f },
            new AnomalyScoreSpec { ErrorEwmaAlpha = 0.1, BaselineSamples = 100, Threshold = threshold, MinStd = 1e-3 },
            enter,
            exit);
        var sink = new CollectingSink();
        var pipeline = Create([Bind("pump", new ListSource("pump", steps), new FakeEngine(manifest))], [sink]);

        await pipeline.RunToEndAsync();

        DateTimeOffset At(int index) => FileStart.AddSeconds(index);
        var want = expected.SelectMany(e => new[] { (EventPhase.Start, At(e[0]), At(e[1]), (DateTimeOffset?)null), (EventPhase.End, At(e[0]), At(e[3]), At(e[2])) });
        Assert.Equal(want, sink.Events.Select(e => (e.Phase, e.StartedAt, e.Timestamp, e.EndedAt)));
        Assert.Equal(3600 - 400, pipeline.Snapshot()[0].Judged);
    }
}
