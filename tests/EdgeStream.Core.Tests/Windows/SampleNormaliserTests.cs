using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Preprocessing;
using EdgeStream.Core.Windows;
using static EdgeStream.Core.Tests.Support.TestManifests;

namespace EdgeStream.Core.Tests.Windows;

public sealed class SampleNormaliserTests
{
    [Fact]
    public void AddWarmup_LastWarmupSample_FreezesPopulationStatsAndPrimesRing()
    {
        var normaliser = new SampleNormaliser(new NormalisationSpec { Kind = "warmup", WarmupSamples = 4 }, 2);
        var ring = new WindowRing(new WindowShape(2, 1, 2, targetNext: true, TimeSpan.FromSeconds(5)));
        float[][] raw = [[1, 10], [2, 10], [3, 10], [4, 10]];
        var scratch = new float[2];
        for (var i = 0; i < 3; i++)
        {
            Assert.False(normaliser.AddWarmup(i, T0.AddSeconds(i), T0, raw[i]));
        }

        Assert.True(normaliser.AddWarmup(3, T0.AddSeconds(3), T0, raw[3]));
        ring.PrimeWith(normaliser, scratch);

        // Channel 0: mean 2.5, population std sqrt(1.25); channel 1 is flat: std floored at 1e-6.
        Assert.True(normaliser.IsReady);
        Assert.Equal(2.5, normaliser.Mean[0]);
        Assert.Equal(Math.Sqrt(1.25), normaliser.Std[0], 12);
        Assert.Equal(1e-6, normaliser.Std[1]);
        Assert.Equal(3, ring.Count);
        Assert.False(ring.IsWindowDue);

        // The first window comes with sample t = N = 4 and holds z_2, z_3 with target z_4.
        var z = new float[2];
        normaliser.Normalise([5, 10], z);
        ring.Push(4, T0.AddSeconds(4), T0, z);
        Assert.True(ring.IsWindowDue);
        var window = new float[6];
        ring.CopyWindow(window, new StepStamp[3], 0);
        var s = Math.Sqrt(1.25);
        Assert.Equal((float)((3 - 2.5) / s), window[0]);
        Assert.Equal((float)((4 - 2.5) / s), window[2]);
        Assert.Equal((float)((5 - 2.5) / s), window[4]);
        Assert.Equal(0f, window[5]);
    }

    [Fact]
    public void Normalise_Fixed_UsesManifestMeanAndStd()
    {
        var normaliser = new SampleNormaliser(new NormalisationSpec { Kind = "fixed", Mean = [1, 2], Std = [2, 4] }, 2);
        var z = new float[2];

        normaliser.Normalise([5, -2], z);

        Assert.True(normaliser.IsReady);
        Assert.Equal([2f, -1f], z);
    }

    [Fact]
    public void Constructor_FixedWithWrongChannelCount_ThrowsNamingField()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SampleNormaliser(new NormalisationSpec { Kind = "fixed", Mean = [1], Std = [1] }, 2));

        Assert.Contains("normalisation.mean", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UnknownKind_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SampleNormaliser(new NormalisationSpec { Kind = "robust" }, 2));
    }
}
