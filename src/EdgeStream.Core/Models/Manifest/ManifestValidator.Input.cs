namespace EdgeStream.Core.Models.Manifest;

public static partial class ManifestValidator
{
    /// <summary>Colour orders the video preprocessor produces.</summary>
    public static readonly IReadOnlyList<string> ColorOrders = ["rgb", "bgr"];

    /// <summary>
    /// Resize modes of the contract: <c>stretch</c> = plain resize to width x height, no aspect kept; <c>letterbox</c> =
    /// aspect kept, centred between bars of zero pixels (docs/model-contract.md, "Pixel pipeline").
    /// </summary>
    public static readonly IReadOnlyList<string> ResizeModes = ["stretch", "letterbox"];

    private static void ValidateVideoInput(List<string> e, InputSpec i)
    {
        Positive(e, "input.frames", i.Frames, "the window length T the model was exported with");
        Positive(e, "input.height", i.Height, "the model's input height in pixels");
        Positive(e, "input.width", i.Width, "the model's input width in pixels");
        if (i.Channels != 3)
        {
            e.Add(i.Channels is null
                ? "input.channels is missing; video models take 3 (colour) channels."
                : $"input.channels is {i.Channels}, expected 3 (video models take colour frames).");
        }

        if (i.Fps is not > 0)
        {
            e.Add(i.Fps is null ? "input.fps is missing; set the frame rate the model was trained at." : $"input.fps is {Num(i.Fps.Value)}, expected a positive frame rate.");
        }

        OneOf(e, "input.colorOrder", i.ColorOrder, ColorOrders);
        OneOf(e, "input.resize", i.Resize, ResizeModes);
        if (i.Scale is not > 0)
        {
            e.Add(i.Scale is null ? "input.scale is missing; use 0.00392156862745098 (1/255) for pixels in [0,1]." : $"input.scale is {Num(i.Scale.Value)}, expected a positive factor (1/255 maps pixels to [0,1]).");
        }

        var channels = i.Channels ?? 3;
        Count(e, "input.mean", i.Mean, channels, "channel");
        Count(e, "input.std", i.Std, channels, "channel");
        StdPositive(e, "input.std", i.Std);
        foreach (var (field, present) in new[] { ("window", i.Window is not null), ("channelNames", i.ChannelNames is not null), ("normalisation", i.Normalisation is not null) })
        {
            if (present)
            {
                e.Add($"input.{field} belongs to sensor (anomaly) models; remove it from this action model.");
            }
        }
    }

    private static void ValidateSensorInput(List<string> e, InputSpec i)
    {
        Positive(e, "input.channels", i.Channels, "the number of sensor channels");
        Positive(e, "input.window", i.Window, "the window length W in samples");
        if (i.ChannelNames is { } names && i.Channels is > 0)
        {
            Count(e, "input.channelNames", names, i.Channels.Value, "channel");
        }

        if (i.Frames is not null || i.Height is not null || i.Width is not null || i.Mean is not null || i.Std is not null)
        {
            e.Add("input has video keys (frames/height/width/mean/std) in an anomaly model; use input.normalisation for sensors.");
        }

        if (i.Normalisation is not { } n)
        {
            e.Add("input.normalisation is missing; use { \"kind\": \"warmup\", \"warmupSamples\": N } or { \"kind\": \"fixed\", \"mean\": [...], \"std\": [...] }.");
            return;
        }

        switch (n.Kind)
        {
            case "warmup":
                Positive(e, "input.normalisation.warmupSamples", n.WarmupSamples, "the number of samples that set each channel's mean/std");
                break;
            case "fixed":
                Count(e, "input.normalisation.mean", n.Mean, i.Channels ?? 0, "channel");
                Count(e, "input.normalisation.std", n.Std, i.Channels ?? 0, "channel");
                StdPositive(e, "input.normalisation.std", n.Std);
                break;
            default:
                e.Add($"input.normalisation.kind is '{n.Kind}', expected 'warmup' or 'fixed'.");
                break;
        }

        if (n.MinStd is <= 0)
        {
            e.Add($"input.normalisation.minStd is {Num(n.MinStd.Value)}, expected a positive floor (or remove it).");
        }
    }

    private static void StdPositive(List<string> e, string field, IReadOnlyList<float>? std)
    {
        for (var c = 0; std is not null && c < std.Count; c++)
        {
            if (!(std[c] > 0) || !float.IsFinite(std[c]))
            {
                e.Add($"{field}[{c}] is {Num(std[c])}; a standard deviation must be positive (it divides).");
            }
        }
    }

    private static void OneOf(List<string> e, string field, string? value, IReadOnlyList<string> allowed)
    {
        if (value is null || !allowed.Contains(value, StringComparer.Ordinal))
        {
            var expected = string.Join(" or ", allowed.Select(a => $"'{a}'"));
            e.Add(value is null ? $"{field} is missing; set {expected}." : $"{field} is '{value}', expected {expected}.");
        }
    }
}
