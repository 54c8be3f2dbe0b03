using System.Diagnostics;
using System.Globalization;
using EdgeStream.Evaluation.Nab;
using Xunit.Abstractions;

namespace EdgeStream.Evaluation.Tests.Nab;

/// <summary>
/// The optimiser on numenta's published per-row scores. NAB v1.0's thresholds came from a local search, so the full
/// sweep must find one at least as good for every profile.
/// </summary>
public sealed class NabPublishedOptimumTests(NabPublishedFixture fixture, ITestOutputHelper output) : IClassFixture<NabPublishedFixture>
{
    [SharedDataFact("nab")]
    public void The_sweep_matches_or_beats_the_published_thresholds_of_numenta_quickly()
    {
        var files = fixture.Results("numenta");
        var labels = fixture.Labels;
        NabThresholdOptimizer.Optimise(files.Take(2), labels, NabProfile.Standard); // JIT warm-up, not timed

        var clock = Stopwatch.StartNew();
        var optima = NabThresholdOptimizer.Optimise(files, labels, NabProfile.All);
        clock.Stop();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"optimise, 58 files ({files.Sum(f => f.Count)} rows) x 3 profiles: {clock.Elapsed.TotalMilliseconds:F0} ms"));

        foreach (var optimum in optima)
        {
            var name = optimum.Profile.Name;
            var published = fixture.FinalResults["numenta"][name];
            var ours = optimum.Score.Total.NormalisedScore!.Value;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"numenta {name}: threshold {optimum.Threshold:R} normalised {ours:R} raw {optimum.Score.Total.RawScore:R}; published threshold {fixture.Thresholds["numenta"][name].Threshold:R} normalised {published:R}"));

            Assert.True(ours >= published - 1e-9, $"{name}: the sweep's best {ours} is below the published {published}");
        }

        // Generous: a quadratic sweep over 330k rows would take minutes; the linear one takes a fraction of a second.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"optimising took {clock.Elapsed}");
    }

    [SharedDataFact("nab")]
    public void For_the_null_detector_no_detection_is_best()
    {
        var optimum = NabThresholdOptimizer.Optimise(fixture.Results("null"), fixture.Labels, NabProfile.Standard);

        Assert.Equal(0.0, optimum.Score.Total.NormalisedScore);
        Assert.Equal(Math.BitIncrement(0.5), optimum.Threshold);
    }
}
