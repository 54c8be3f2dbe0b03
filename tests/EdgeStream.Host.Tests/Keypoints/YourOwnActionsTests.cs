using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.Keypoints;

/// <summary>
/// "Your own actions" end to end, as a user does it (models/pose/README.md): a folder of labelled clips,
/// <c>edgestream keypoints</c>, the Python recipe (<c>edgestream_train.pose_fewshot</c>), then the model folder it
/// wrote through the real manifest loader, <c>models verify</c> and a <c>replay</c>. The clips are the committed golden
/// frames of models/pose (people walking), played in order (`walking`) or shuffled (`shuffled`: keypoints that jump
/// about), so no shared data and no MoveNet download.
/// </summary>
public sealed class YourOwnActionsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Mine = ["shuffled", "walking"];

    private readonly string _root = Directory.CreateTempSubdirectory("edgestream-own-actions-").FullName;

    [PythonRecipeFact]
    public async Task OwnClips_KeypointsThenTrainingThenReplay_GiveAModelThatRunsAndNamesOnlyTheirLabels()
    {
        var clock = Stopwatch.StartNew();
        var clips = Path.Combine(_root, "clips");
        for (var k = 0; k < 3; k++)
        {
            KeypointClips.Walkers(Path.Combine(clips, "walking", $"w{k}.avi"), forward: k != 1, offset: 3 * k, seconds: 4, fps: 15);
            KeypointClips.Shuffled(Path.Combine(clips, "shuffled", $"s{k}.avi"), seed: k, seconds: 4, fps: 25);
        }

        File.WriteAllText(Path.Combine(clips, "walking", "broken.avi"), "not a video");
        File.WriteAllText(Path.Combine(clips, "walking", "notes.txt"), "not a clip either");
        var made = clock.Elapsed;

        var keypoints = Path.Combine(_root, "keypoints");
        var (exit, said, error) = await CliRun.RunAsync("keypoints", clips, "--out", keypoints, "--config", TestEnvironment.BundledConfig);
        var extracted = clock.Elapsed;
        output.WriteLine(said);
        Assert.True(exit == ExitCodes.Failed, $"exit {exit}: a broken clip is skipped and reported with exit code 1\n{said}{error}");
        Assert.Contains("SKIPPED walking/broken.avi", said, StringComparison.Ordinal);
        Assert.Contains("1 file(s) in the label folders are not videos", said, StringComparison.Ordinal);
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(keypoints, "index.json")))!;
        Assert.Equal(Mine, index["labels"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal(6, index["clips"]!.AsArray().Count);
        Assert.Single(index["failed"]!.AsArray());

        var model = Path.Combine(_root, "mine");
        var (trained, printed) = await PythonRecipe.RunModuleAsync("edgestream_train.pose_fewshot", TimeSpan.FromMinutes(5), "--keypoints", keypoints, "--out", model, "--minutes", "3");
        var training = clock.Elapsed;
        output.WriteLine(printed);
        Assert.True(trained == 0, printed);
        Assert.Contains("held-out accuracy", printed, StringComparison.Ordinal);

        var manifest = ManifestLoader.Load(model); // the runtime's loader: schema, files and their sha256
        Assert.Equal(["other", .. Mine], manifest.Labels);
        var (verified, table, verifyError) = await CliRun.RunAsync("models", "verify", model);
        output.WriteLine(table);
        Assert.True(verified == ExitCodes.Ok, table + verifyError);

        // A clip the head was trained on: this checks that the folder loads, runs and speaks the user's labels; how well
        // it generalises is the held-out accuracy printed above (training is seeded, so the run is reproducible).
        var clip = Path.Combine(clips, "walking", "w0.avi");
        var events = Path.Combine(_root, "events.jsonl");
        var (replayed, summary, replayError) = await CliRun.RunAsync(
            "replay", clip, "--config", TestEnvironment.BundledConfig, "--set", $"Models:mine:Path={model}", "--set", "Models:mine:IgnoredLabels:0=other", "--action-model", "mine", "--out", events);
        var replay = clock.Elapsed;
        output.WriteLine(summary);
        Assert.True(replayed == ExitCodes.Ok, summary + replayError);
        Assert.Matches(@"w0\s+mine\s+60\s+(\d+)", summary);
        var labels = File.ReadLines(events).Select(l => JsonNode.Parse(l)!["label"]!.GetValue<string>()).ToHashSet();
        Assert.NotEmpty(labels);
        Assert.Subset(Mine.ToHashSet(), labels);

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clips {made.TotalSeconds:F1} s, keypoints {(extracted - made).TotalSeconds:F1} s, training {(training - extracted).TotalSeconds:F1} s, verify + replay {(replay - training).TotalSeconds:F1} s; total {clock.Elapsed.TotalSeconds:F1} s; labels replayed: {string.Join(", ", labels)}"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
