using System.Text.Json;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Preprocessing;

namespace EdgeStream.Core.Verification;

/// <summary>Reads golden and evaluation sets and turns a case's input into the model's window input (floats).</summary>
public static class GoldenReader
{
    // Golden and evaluation files are test data written by the training scripts: extra keys are tolerated
    // (unlike the manifest, where a misspelt key would silently change behaviour).
    private static readonly JsonSerializerOptions Lenient = new(ManifestJson.Options)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>Loads the manifest's golden file (its <c>golden</c> key).</summary>
    public static GoldenSet LoadGolden(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (string.IsNullOrWhiteSpace(manifest.Golden))
        {
            throw new ModelLoadException($"{DisplayPath.Of(Path.Combine(manifest.Directory, ManifestLoader.FileName))}: golden is missing; a parity check needs golden vectors (\"golden\": \"golden/golden.json\").");
        }

        return Load(manifest.Resolve(manifest.Golden), "golden file");
    }

    /// <summary>Loads a golden-format file (golden.json or an evaluation set such as testset.json).</summary>
    public static GoldenSet Load(string path, string what = "evaluation set")
    {
        var set = ReadJson(path, what);
        if (set.Cases.Count == 0)
        {
            throw new ModelLoadException($"{DisplayPath.Of(path)}: cases is empty; the {what} needs at least one case.");
        }

        return set;
    }

    /// <summary>Window length x step length floats: CHW frames for video (normalised per the manifest), [W,C] values for sensors.</summary>
    public static float[] ReadInput(ModelManifest manifest, GoldenCase c, string setPath)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(c);
        var window = manifest.WindowLength();
        var step = manifest.FrameLength();
        var result = new float[window * step];
        var where = $"{DisplayPath.Of(setPath)}: case '{c.Name}'";
        if (manifest.Task == ModelTask.Action)
        {
            ReadFrames(manifest, c, setPath, where, result);
        }
        else
        {
            ReadValues(c, window, step, where, result);
        }

        return result;
    }

    private static void ReadFrames(ModelManifest manifest, GoldenCase c, string setPath, string where, float[] result)
    {
        var i = manifest.Input;
        int[] shape = [i.Frames ?? 0, i.Height ?? 0, i.Width ?? 0, i.Channels ?? 0];
        if (c.Input.Dtype != "uint8" || c.Input.File is null)
        {
            throw new ModelLoadException($"{where}: input must be {{ \"file\", \"dtype\": \"uint8\" }} for an action model (dtype is '{c.Input.Dtype}').");
        }

        if (!c.Input.Shape.SequenceEqual(shape))
        {
            throw new ModelLoadException($"{where}: input.shape is [{string.Join(",", c.Input.Shape)}], the manifest says [{string.Join(",", shape)}] (T,H,W,C).");
        }

        var file = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(setPath))!, c.Input.File);
        if (!File.Exists(file))
        {
            throw new ModelLoadException($"{where}: input file '{DisplayPath.Of(file)}' not found.");
        }

        var bytes = File.ReadAllBytes(file);
        var frameBytes = shape[1] * shape[2] * shape[3];
        if (bytes.Length != frameBytes * shape[0])
        {
            throw new ModelLoadException($"{where}: '{DisplayPath.Of(file)}' has {bytes.Length} bytes, expected {frameBytes * shape[0]} (uint8 [{string.Join(",", shape)}]).");
        }

        var normaliser = new PixelNormaliser(i);
        for (var t = 0; t < shape[0]; t++)
        {
            normaliser.Normalise(bytes.AsSpan(t * frameBytes, frameBytes), result.AsSpan(t * frameBytes, frameBytes));
        }
    }

    private static void ReadValues(GoldenCase c, int window, int channels, string where, float[] result)
    {
        if (c.Input.Values is not { } rows || rows.Count != window || rows.Any(r => r.Length != channels))
        {
            throw new ModelLoadException($"{where}: input.values must be [{window}][{channels}] (window x channels) float32 values.");
        }

        for (var t = 0; t < window; t++)
        {
            rows[t].CopyTo(result.AsSpan(t * channels, channels));
        }
    }

    private static GoldenSet ReadJson(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"{DisplayPath.Of(path)}: {what} not found.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<GoldenSet>(stream, Lenient)
                ?? throw new ModelLoadException($"{DisplayPath.Of(path)}: {what} is empty.");
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{DisplayPath.Of(path)}: invalid {what} at {ex.Path}: {ex.Message}", ex);
        }
    }
}
