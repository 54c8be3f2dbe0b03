using System.CommandLine;
using System.Globalization;
using EdgeStream.Host.Keypoints;
using EdgeStream.Host.Output;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Cli;

/// <summary>
/// <c>edgestream keypoints FOLDER --out DIR</c>: the model encoder's features (a pose model's keypoints) of every
/// labelled clip in FOLDER/&lt;label&gt;/, made by the pipeline's own decoder, resampler, letterbox and encoder, for
/// training a head on them (models/training, <c>edgestream_train.pose_fewshot</c>). Exit code 1 when a clip was skipped.
/// </summary>
internal static class KeypointsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var common = new CommonOptions();
        var folder = new Argument<string>("folder") { Description = "Labelled clips: FOLDER/<label>/<clip>.mp4 (the UCF101 layout)" };
        var outFolder = new Option<string>("--out", "-o") { Description = "Where <label>/<clip>.csv, index.json and golden_features.json go", Required = true };
        var model = new Option<string>("--model") { Description = "Model under EdgeStream:Models, or a model folder, whose encoder runs", DefaultValueFactory = _ => KeypointsRequest.DefaultModel };
        var command = new Command("keypoints", "Encode labelled clips with a model's encoder (pose keypoints) through the real pipeline, for training your own actions") { folder, outFolder, model };
        common.AddTo(command);
        command.SetAction((result, _) => StartupErrors.GuardAsync(error, async () =>
        {
            var request = new KeypointsRequest(result.GetValue(folder)!, result.GetValue(outFolder)!)
            {
                Config = common.Request(result),
                Model = result.GetValue(model) ?? KeypointsRequest.DefaultModel,
            };
            var level = result.GetValue(common.Verbose) ? LogLevel.Information : LogLevel.Warning;
            using var interrupt = new InterruptSignal();
            var keypoints = await KeypointRunner.RunAsync(request, level, clip => output.WriteLine(Line(clip)), interrupt.Token);
            await output.WriteAsync(Render(keypoints));
            return keypoints.Interrupted ? ExitCodes.Interrupted : keypoints.Failed ? ExitCodes.Failed : ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>One line per clip as it is done: frames written, or why it was skipped.</summary>
    internal static string Line(ClipResult clip) => clip.Failure is { } failure
        ? $"SKIPPED {clip.Clip.Relative}: {failure}"
        : string.Create(CultureInfo.InvariantCulture, $"{clip.Clip.Relative}: {clip.Frames} frames ({clip.Seconds:F1} s)") + (clip.Note is { } note ? $"; {note}" : "");

    internal static string Render(KeypointsResult result)
    {
        var table = new TextTable("label", "clips", "frames", "seconds", "skipped");
        foreach (var group in result.Clips.GroupBy(c => c.Clip.Label))
        {
            var ok = group.Where(c => c.Failure is null).ToList();
            table.Add(group.Key, I(ok.Count), I(ok.Sum(c => c.Frames)), ok.Sum(c => c.Seconds).ToString("F1", CultureInfo.InvariantCulture), I(group.Count() - ok.Count));
        }

        var seconds = result.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        var skipped = result.Clips.Count(c => c.Failure is not null);
        var tail = $"{result.Engine.Name} {result.Engine.Version} ({result.Engine.Precision}, {result.Engine.Provider}): {I(result.Clips.Count - skipped)} clip(s) in {seconds} s; index {result.Index}";
        if (result.Ignored > 0)
        {
            tail += $"\n{I(result.Ignored)} file(s) in the label folders are not videos and were left alone";
        }

        if (skipped > 0)
        {
            tail += $"\nFAILED: {I(skipped)} clip(s) skipped (above: SKIPPED and why); the index lists the rest";
        }

        return table + tail + "\n";
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
