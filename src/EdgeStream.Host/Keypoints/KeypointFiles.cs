using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;

namespace EdgeStream.Host.Keypoints;

/// <summary>
/// What <c>edgestream keypoints</c> writes (read by models/training/edgestream_train/pose_fewshot.py):
/// <c>&lt;label&gt;/&lt;clip&gt;.csv</c> per clip, a header <c>time_s,source_frame,f0..f{F-1}</c> and one row per frame at
/// the model's rate (stream time in seconds from the clip's start, the decoded frame it came from, the encoder's
/// features: for a pose model 17 keypoints x (y, x, score)); <c>index.json</c>, the labels, clips, rate, window and the
/// encoder that made them; <c>golden_features.json</c>, the encoder's features of the model's golden frames per variant,
/// from which the training side writes the golden file of a new head on this encoder.
/// </summary>
internal static class KeypointFiles
{
    public const string Index = "index.json";
    public const string GoldenFeatures = "golden_features.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a clip's rows under <paramref name="outFolder"/>; returns the file's path relative to it.</summary>
    public static string WriteClip(string outFolder, LabelledClip clip, IReadOnlyList<FeatureRow> rows, int featureSize, HashSet<string> taken)
    {
        var stem = Path.GetFileNameWithoutExtension(clip.Path);
        var relative = $"{clip.Label}/{stem}.csv";
        if (!taken.Add(relative))
        {
            relative = $"{clip.Label}/{Path.GetFileName(clip.Path)}.csv"; // a.mp4 and a.avi in one label
            taken.Add(relative);
        }

        var path = Path.Combine(outFolder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder();
        text.Append("time_s,source_frame");
        for (var f = 0; f < featureSize; f++)
        {
            text.Append(CultureInfo.InvariantCulture, $",f{f}");
        }

        text.Append('\n');
        foreach (var row in rows)
        {
            text.Append(row.Seconds.ToString("0.######", CultureInfo.InvariantCulture)).Append(',').Append(row.SourceFrame.ToString(CultureInfo.InvariantCulture));
            foreach (var value in row.Features)
            {
                // Shortest round-trip form: the training side reads back exactly the floats the head would get.
                text.Append(',').Append(value.ToString(CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        File.WriteAllText(path, text.ToString());
        return relative;
    }

    public static string WriteIndex(string outFolder, string clipFolder, ModelManifest manifest, EngineInfo engine, VariantSpec variant, IReadOnlyList<ClipResult> clips, bool golden)
    {
        var written = clips.Where(c => c.Failure is null).ToList();
        var index = new JsonObject
        {
            ["formatVersion"] = 1,
            ["source"] = clipFolder,
            ["model"] = new JsonObject
            {
                ["name"] = manifest.Name,
                ["version"] = manifest.Version,
                ["folder"] = manifest.Directory,
                ["variant"] = variant.Name,
                ["precision"] = engine.Precision,
                ["provider"] = engine.Provider,
                ["encoder"] = new JsonObject { ["file"] = variant.Encoder!.File, ["sha256"] = variant.Encoder.Sha256.ToLowerInvariant() },
            },
            ["fps"] = manifest.Input.Fps,
            ["frames"] = manifest.Input.Frames,
            ["stride"] = manifest.Defaults.Stride,
            ["featureSize"] = manifest.FeatureSize,
            ["labels"] = new JsonArray([.. written.Select(c => c.Clip.Label).Distinct().Order(StringComparer.Ordinal).Select(l => (JsonNode)l)]),
            ["clips"] = new JsonArray([.. written.Select(c => (JsonNode)new JsonObject
            {
                ["label"] = c.Clip.Label,
                ["source"] = c.Clip.Relative,
                ["file"] = c.File,
                ["frames"] = c.Frames,
                ["seconds"] = Math.Round(c.Seconds, 3),
                ["decoded"] = c.Decoded,
                ["rejected"] = c.Rejected,
                ["note"] = c.Note,
            })]),
            ["failed"] = new JsonArray([.. clips.Where(c => c.Failure is not null).Select(c => (JsonNode)new JsonObject
            {
                ["label"] = c.Clip.Label,
                ["source"] = c.Clip.Relative,
                ["reason"] = c.Failure,
            })]),
            ["goldenFeatures"] = golden ? GoldenFeatures : null,
        };
        var path = Path.Combine(outFolder, Index);
        File.WriteAllText(path, index.ToJsonString(Indented) + "\n");
        return path;
    }

    /// <summary>golden_features.json: per golden case, its input file (absolute) and per variant the features [T*F], row-major.</summary>
    public static void WriteGoldenFeatures(string outFolder, ModelManifest manifest, IReadOnlyList<(string Case, string File, IReadOnlyDictionary<string, float[]> Features)> cases)
    {
        var json = new JsonObject
        {
            ["description"] = "The encoder's features of the base model's golden frames, per variant (ONNX Runtime, as EdgeStream runs it): [T*F] row-major per case.",
            ["model"] = new JsonObject { ["name"] = manifest.Name, ["version"] = manifest.Version, ["folder"] = manifest.Directory },
            ["featureSize"] = manifest.FeatureSize,
            ["cases"] = new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Case,
                ["file"] = c.File,
                ["features"] = new JsonObject([.. c.Features.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)new JsonArray([.. kv.Value.Select(v => (JsonNode)v)])))]),
            })]),
        };
        File.WriteAllText(Path.Combine(outFolder, GoldenFeatures), json.ToJsonString(Indented) + "\n");
    }
}
