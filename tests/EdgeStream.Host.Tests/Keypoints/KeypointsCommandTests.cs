using System.Globalization;
using System.Text.Json.Nodes;
using EdgeStream.Core.Models;
using EdgeStream.Host.Cli;
using EdgeStream.Host.Tests.Support;
using EdgeStream.Onnx;

namespace EdgeStream.Host.Tests.Keypoints;

/// <summary>
/// <c>edgestream keypoints</c>: its keypoints are exactly the features the running pipeline feeds the head, and a
/// folder it cannot use stops with the problem and the fix.
/// </summary>
public sealed class KeypointsCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("edgestream-keypoints-").FullName;

    /// <summary>
    /// Replays clips (25 fps: frames dropped; 6 fps: frames repeated; 4:3, so letterboxed) with a copy of models/pose
    /// whose every window starts or updates an event, and recomputes each event's window from the keypoint files with
    /// the model's head: same probabilities, same attention.
    /// </summary>
    [Fact]
    public async Task Keypoints_AreTheFeaturesThePipelineFeedsTheHead()
    {
        var model = ChattyPoseCopy();
        var clips = Path.Combine(_root, "clips");
        string[] files = [KeypointClips.Walkers(Path.Combine(clips, "walk", "fast.avi"), true, 0, 4, 25), KeypointClips.Walkers(Path.Combine(clips, "walk", "slow.avi"), true, 5, 5, 6)];
        var keypoints = Path.Combine(_root, "keypoints");
        var (exit, said, error) = await CliRun.RunAsync("keypoints", clips, "--out", keypoints, "--model", model, "--config", TestEnvironment.BundledConfig);
        Assert.True(exit == ExitCodes.Ok, said + error);

        var events = Path.Combine(_root, "events.jsonl");
        var (replayed, summary, replayError) = await CliRun.RunAsync(["replay", .. files, "--config", TestEnvironment.BundledConfig, "--set", $"Models:chatty:Path={model}", "--action-model", "chatty", "--out", events]);
        Assert.True(replayed == ExitCodes.Ok, summary + replayError);

        using var engine = new OnnxEngineFactory().Create(model, new EngineOptions { Layout = "split", MaxBatch = 1 });
        var labels = engine.Manifest.Labels;
        var checkedWindows = 0;
        foreach (var line in File.ReadLines(events).Select(l => JsonNode.Parse(l)!).Where(e => e["phase"]!.GetValue<string>() != "end"))
        {
            var rows = ReadCsv(Path.Combine(keypoints, "walk", line["stream"]!.GetValue<string>() + ".csv"));
            var end = DateTimeOffset.Parse(line["window"]!["lastTimestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            var last = rows.FindIndex(r => Math.Abs(r.Seconds - (end - DateTimeOffset.UnixEpoch).TotalSeconds) < 1e-4);
            Assert.True(last >= engine.WindowLength - 1, $"no keypoint row ends the window at {end:O}");
            var window = rows.Skip(last - engine.WindowLength + 1).Take(engine.WindowLength).SelectMany(r => r.Features).ToArray();
            var logits = new float[engine.OutputLength];
            var attention = new float[engine.WindowLength];
            engine.Run(window, 1, logits, attention);
            var probabilities = Softmax(logits);
            foreach (var top in line["topK"]!.AsArray())
            {
                var k = labels.ToList().IndexOf(top!["label"]!.GetValue<string>());
                Assert.Equal(probabilities[k], top["score"]!.GetValue<double>(), 1e-4);
            }

            var weights = line["attention"]!["weights"]!.AsArray().Select(w => w!.GetValue<double>()).ToArray();
            Assert.Equal(attention.Length, weights.Length);
            Assert.All(weights.Zip(attention), p => Assert.Equal(p.Second, p.First, 1e-4));
            checkedWindows++;
        }

        output.WriteLine($"{checkedWindows} event windows recomputed from the keypoint files");
        Assert.True(checkedWindows >= 4, $"only {checkedWindows} event windows to compare\n{summary}");
    }

    [Theory]
    [InlineData("missing", "no such folder")]
    [InlineData("empty", "empty (no label subfolders); record clips into FOLDER/<label>/<clip>.mp4")]
    [InlineData("loose", "1 clip(s) but no label subfolders; move each clip into a folder named after its label")]
    [InlineData("no-clips", "the label folders (fall, wave) hold no clips")]
    [InlineData("out-inside", "inside the clip folder")]
    public async Task Keypoints_AFolderItCannotUse_StopsWithTheProblemAndTheFix(string layout, string message)
    {
        var folder = Path.Combine(_root, layout);
        var outFolder = Path.Combine(_root, "out");
        switch (layout)
        {
            case "empty":
                Directory.CreateDirectory(folder);
                break;
            case "loose":
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "clip.mp4"), "");
                break;
            case "no-clips":
                Directory.CreateDirectory(Path.Combine(folder, "fall"));
                Directory.CreateDirectory(Path.Combine(folder, "wave"));
                File.WriteAllText(Path.Combine(folder, "wave", "readme.txt"), "");
                break;
            case "out-inside":
                Directory.CreateDirectory(Path.Combine(folder, "fall"));
                outFolder = Path.Combine(folder, "keypoints");
                break;
        }

        var (exit, said, error) = await CliRun.RunAsync("keypoints", folder, "--out", outFolder);

        Assert.Equal(ExitCodes.StartupError, exit);
        Assert.Contains(message, said + error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(outFolder, "index.json")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>models/pose with every window an event (threshold 0.01, one window to enter and to leave).</summary>
    private string ChattyPoseCopy()
    {
        var source = Path.Combine(TestEnvironment.RepoRoot, "models", "pose");
        var copy = Path.Combine(_root, "chatty");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(copy, "manifest.json")))!;
        manifest["defaults"]!["threshold"] = 0.01;
        manifest["defaults"]!["enterWindows"] = 1;
        manifest["defaults"]!["exitWindows"] = 1;
        File.WriteAllText(Path.Combine(copy, "manifest.json"), manifest.ToJsonString());
        return copy;
    }

    private static List<(double Seconds, float[] Features)> ReadCsv(string path) =>
        [.. File.ReadLines(path).Skip(1).Select(l => l.Split(',')).Select(c => (double.Parse(c[0], CultureInfo.InvariantCulture), c.Skip(2).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray()))];

    private static double[] Softmax(float[] logits)
    {
        var max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = e.Sum();
        return [.. e.Select(v => v / sum)];
    }
}
