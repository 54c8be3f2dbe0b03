using EdgeStream.Core.Pipeline;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Replay;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Replay;

/// <summary>Which action model judges a replayed clip when <c>--action-model</c> is not given.</summary>
public sealed class ReplayModelChoiceTests
{
    private static readonly string Clip = Path.Combine(TestEnvironment.Clips, "fall.mp4");

    [Fact]
    public void Choose_Clip_TakesTheModelTheConfiguredCamerasUse()
    {
        // Configuration keys come back sorted, so "action" is the first action model by name; the camera uses "pose".
        var chooser = new ReplayModelChooser(Options(cameraModel: "pose"));

        Assert.Equal("pose", chooser.Choose(Input(), requested: null));
    }

    [Fact]
    public void Choose_NoCameraConfigured_TakesTheFirstActionModelByName()
    {
        var chooser = new ReplayModelChooser(Options(cameraModel: null));

        Assert.Equal("action", chooser.Choose(Input(), requested: null));
    }

    [Fact]
    public void Choose_Requested_WinsOverTheCameras()
    {
        var chooser = new ReplayModelChooser(Options(cameraModel: "pose"));

        Assert.Equal("action", chooser.Choose(Input(), requested: "action"));
    }

    private static ReplayInput Input() => ReplayInput.From([Clip], TestEnvironment.RepoRoot)[0];

    private static EdgeStreamOptions Options(string? cameraModel) => new()
    {
        Models = new Dictionary<string, ModelOptions>
        {
            ["action"] = new() { Path = Path.Combine(TestEnvironment.RepoRoot, "models", "action") },
            ["pose"] = new() { Path = Path.Combine(TestEnvironment.RepoRoot, "models", "pose") },
        },
        Streams = cameraModel is null ? [] : [new StreamOptions { Id = "cam1", Uri = Clip, Model = cameraModel }],
    };
}
