using EdgeStream.Core.Preprocessing;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Windows;

public sealed class FrameResamplerTests
{
    /// <summary>Runs the resampler over frames at <paramref name="sourceFps"/> and returns, per output tick, the source frame index used.</summary>
    private static List<int> Resample(double sourceFps, double modelFps, int frames, Func<int, DateTimeOffset>? time = null)
    {
        var resampler = new FrameResampler(modelFps, TimeSpan.FromSeconds(2));
        var chosen = new List<int>();
        for (var i = 0; i < frames; i++)
        {
            var decision = resampler.Offer(time?.Invoke(i) ?? T0.AddTicks((long)Math.Round(i * TimeSpan.TicksPerSecond / sourceFps)));
            for (var r = 0; r < decision.HeldRepeats; r++)
            {
                chosen.Add(i - 1);
            }

            if (decision.EmitNew)
            {
                chosen.Add(i);
            }
        }

        var flush = resampler.Flush();
        for (var r = 0; r < flush.HeldRepeats; r++)
        {
            chosen.Add(frames - 1);
        }

        return chosen;
    }

    /// <summary>The training code's rule (action_data.read_video): idx = floor(k * src / fps + 1e-6), n = round(N * fps / src).</summary>
    private static List<int> Python(double sourceFps, double modelFps, int frames)
    {
        var n = (int)Math.Round(frames * modelFps / sourceFps, MidpointRounding.ToEven);
        return [.. Enumerable.Range(0, Math.Max(1, n)).Select(k => Math.Min((int)((k * sourceFps / modelFps) + 1e-6), frames - 1))];
    }

    [Theory]
    [InlineData(15, 15, 40)]
    [InlineData(30, 15, 40)]
    [InlineData(25, 15, 50)]
    [InlineData(10, 15, 20)]
    [InlineData(7.5, 15, 20)]
    public void Offer_SourceRate_MatchesTrainingResampling(double sourceFps, double modelFps, int frames)
    {
        Assert.Equal(Python(sourceFps, modelFps, frames), Resample(sourceFps, modelFps, frames));
    }

    [Fact]
    public void Offer_MillisecondRoundedTimestamps_SameFramesAsExactOnes()
    {
        // Containers round frame times to milliseconds (66 or 67 ms for 1/15 s); the tolerance absorbs that.
        var rounded = Resample(30, 15, 40, i => T0.AddMilliseconds(Math.Round(i * 1000.0 / 30)));

        Assert.Equal(Python(30, 15, 40), rounded);
    }

    [Fact]
    public void Offer_ModelRate_EmitsAtOnceWithoutHolding()
    {
        var resampler = new FrameResampler(15, TimeSpan.FromSeconds(2));
        for (var i = 0; i < 10; i++)
        {
            var d = resampler.Offer(T0.AddMilliseconds(Math.Round(i * 1000.0 / 15)));
            Assert.True(d.EmitNew);
            Assert.Equal(0, d.HeldRepeats);
            Assert.Equal(i, d.NewTick);
        }
    }

    [Fact]
    public void Offer_GapLongerThanMax_RestartsTickGrid()
    {
        var resampler = new FrameResampler(10, TimeSpan.FromSeconds(1));
        resampler.Offer(T0);
        resampler.Offer(T0.AddSeconds(0.1));

        var d = resampler.Offer(T0.AddSeconds(5));

        Assert.Equal(0, d.HeldRepeats);
        Assert.True(d.EmitNew);
        Assert.Equal(T0.AddSeconds(5), resampler.TimeOf(d.NewTick));
    }
}
