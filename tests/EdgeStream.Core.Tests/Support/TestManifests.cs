using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Core.Tests.Support;

internal static class TestManifests
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ModelManifest Action(int frames = 4, double? fps = null, int stride = 2, double threshold = 0.6, int enter = 2, int exit = 2) => new()
    {
        FormatVersion = 1,
        Name = "fake-action",
        Version = "1.0.0",
        Task = ModelTask.Action,
        Labels = ["idle", "walk", "fall"],
        Input = new InputSpec { Frames = frames, Channels = 1, Height = 2, Width = 2, Fps = fps },
        Defaults = new DecisionDefaults { Stride = stride, Threshold = threshold, EnterWindows = enter, ExitWindows = exit, TopK = 3 },
    };

    public static ModelManifest Anomaly(int channels = 2, int window = 4, NormalisationSpec? normalisation = null, AnomalyScoreSpec? score = null, int enter = 2, int exit = 3) => new()
    {
        FormatVersion = 1,
        Name = "fake-anomaly",
        Version = "1.0.0",
        Task = ModelTask.Anomaly,
        Labels = ["anomaly"],
        Input = new InputSpec { Channels = channels, Window = window, ChannelNames = [.. Enumerable.Range(0, channels).Select(i => $"s{i}")], Normalisation = normalisation },
        Defaults = new DecisionDefaults
        {
            Stride = 1,
            EnterWindows = enter,
            ExitWindows = exit,
            Score = score ?? new AnomalyScoreSpec { ErrorEwmaAlpha = 0.5, BaselineSamples = 5, Threshold = 3.0 },
        },
    };
}
