using EdgeStream.Core.Decisions;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Preprocessing;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// Resolves a binding into what each stage needs: window shape and decider from the manifest's defaults with
/// the stream's overrides, the resampler (video at a fixed model rate) or the normaliser (sensors). Throws <see cref="ArgumentException"/> naming the stream and the setting.
/// </summary>
internal static class StreamFactory
{
    public static WindowShape ShapeOf(StreamBinding binding)
    {
        var options = binding.Options;
        var engine = binding.Engine;
        var manifest = engine.Manifest;
        if (options.WindowLength is { } length && length != engine.WindowLength)
        {
            throw new ArgumentException($"Streams '{options.Id}': WindowLength {length} differs from the model's fixed window of {engine.WindowLength} steps.", nameof(binding));
        }

        var stride = options.Stride ?? manifest.Defaults.Stride;
        if (stride <= 0)
        {
            throw new ArgumentException($"Streams '{options.Id}': Stride must be positive (got {stride}).", nameof(binding));
        }

        if (options.MaxGapSeconds <= 0)
        {
            throw new ArgumentException($"Streams '{options.Id}': MaxGapSeconds must be positive (got {options.MaxGapSeconds}).", nameof(binding));
        }

        return new WindowShape(engine.WindowLength, stride, engine.StepLength, manifest.Task == ModelTask.Anomaly, options.MaxGapSeconds is { } gap ? TimeSpan.FromSeconds(gap) : null);
    }

    public static IWindowDecider DeciderOf(StreamBinding binding, EventContext context)
    {
        var options = binding.Options;
        var manifest = binding.Engine.Manifest;
        var defaults = manifest.Defaults;
        try
        {
            if (manifest.Task == ModelTask.Anomaly)
            {
                var parameters = AnomalyScoreParams.From(defaults, options.Threshold, options.EnterWindows, options.ExitWindows);
                var channels = manifest.Input.ChannelNames is { Count: > 0 } names ? names : DefaultNames(binding.Engine.FrameLength);
                var label = manifest.Labels.Count > 0 ? manifest.Labels[0] : "anomaly";
                return new AnomalyDecider(context, label, channels, parameters, defaults.TopK, binding.ScoreRecorder);
            }

            var decision = new ActionDecisionOptions
            {
                Threshold = options.Threshold ?? defaults.Threshold ?? 0.5,
                EnterWindows = options.EnterWindows ?? defaults.EnterWindows,
                ExitWindows = options.ExitWindows ?? defaults.ExitWindows,
                TopK = defaults.TopK,
                IgnoredLabels = binding.IgnoredLabels,
            };
            decision.Validate();
            return new ActionDecider(context, manifest.Labels, decision);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Streams '{options.Id}': {ex.Message}", nameof(binding), ex);
        }
    }

    /// <summary>Anomaly models whose scorer calibrates on the normaliser's warm-up get warm-up windows.</summary>
    public static bool ScoresWarmupOf(StreamBinding binding) =>
        binding.Engine.Manifest is { Task: ModelTask.Anomaly, Defaults.Score: { } score } && AnomalyScoreParams.CalibratesOnWarmup(score);

    /// <summary>Video models with a fixed rate get a resampler to it; others take steps as they come.</summary>
    public static FrameResampler? ResamplerOf(StreamBinding binding, WindowShape shape)
    {
        var manifest = binding.Engine.Manifest;
        return manifest.Task == ModelTask.Action && manifest.Input.Fps is > 0 and var fps ? new FrameResampler(fps, shape.MaxGap ?? GapLimit.Floor) : null;
    }

    /// <summary>Sensor models normalise each sample per the manifest.</summary>
    public static SampleNormaliser? NormaliserOf(StreamBinding binding)
    {
        var engine = binding.Engine;
        return engine.Manifest.Task == ModelTask.Anomaly ? new SampleNormaliser(engine.Manifest.Input.Normalisation, engine.FrameLength) : null;
    }

    private static string[] DefaultNames(int channels)
    {
        var names = new string[channels];
        for (var i = 0; i < channels; i++)
        {
            names[i] = $"ch{i}";
        }

        return names;
    }
}
