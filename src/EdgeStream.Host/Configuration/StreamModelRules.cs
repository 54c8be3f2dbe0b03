using System.Globalization;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Pipeline;

namespace EdgeStream.Host.Configuration;

/// <summary>
/// Rules for a stream that depend on its model's manifest: a window length other than the model's fixed window, and
/// a threshold above 1 where scores are in [0, 1] (action probabilities, anomaly likelihoods; z-score and chart
/// thresholds are any positive number). Checked at start-up with the other rules so they end as a configuration error (exit 2) naming the key,
/// not as an exception when the pipeline is built. A manifest that cannot be read is left to the model loader, which
/// reports it with its own message.
/// </summary>
internal static class StreamModelRules
{
    public static void Check(string key, StreamOptions stream, ModelManifest manifest, List<string> problems)
    {
        var window = manifest.Task == ModelTask.Anomaly ? manifest.Input.Window : manifest.Input.Frames;
        if (stream.WindowLength is { } length && window is { } fixedWindow && length != fixedWindow)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:WindowLength: {length} differs from model '{manifest.Name}''s fixed window of {fixedWindow} steps; remove the key or set it to {fixedWindow}"));
        }

        if (manifest.Task == ModelTask.Action && stream.Threshold is > 1 and { } threshold)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:Threshold: {threshold} must be at most 1 for action model '{manifest.Name}' (its scores are probabilities)"));
        }

        if (manifest.Task == ModelTask.Anomaly && manifest.Defaults.Score?.Kind == AnomalyScoreSpec.LikelihoodKind && stream.Threshold is > 1 and { } likelihood)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key}:Threshold: {likelihood} must be at most 1 for anomaly model '{manifest.Name}' (its scores are likelihoods in [0, 1]; 0.5 is a tail probability of 1e-5)"));
        }
    }

    /// <summary>The manifest of the model folder, or null when it cannot be read (the model loader reports why).</summary>
    public static ModelManifest? TryRead(string modelPath)
    {
        if (!File.Exists(Path.Combine(modelPath, ManifestLoader.FileName)))
        {
            return null;
        }

        try
        {
            return ManifestLoader.Load(modelPath, verifyFiles: false);
        }
        catch (ModelLoadException)
        {
            // Reported at model load, with the loader's message naming the manifest's problem.
            return null;
        }
    }
}
