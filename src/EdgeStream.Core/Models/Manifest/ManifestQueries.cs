namespace EdgeStream.Core.Models.Manifest;

/// <summary>Names the contract uses for layouts, precisions and I/O types, and lookups over a manifest.</summary>
public static class ManifestQueries
{
    public const string Split = "split";
    public const string Fused = "fused";

    /// <summary>The variant's files with their part names (fused, encoder, head), those present only.</summary>
    public static IEnumerable<(string Part, ModelFile File)> Parts(this VariantSpec variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (variant.Fused is { } f)
        {
            yield return ("fused", f);
        }

        if (variant.Encoder is { } e)
        {
            yield return ("encoder", e);
        }

        if (variant.Head is { } h)
        {
            yield return ("head", h);
        }
    }

    /// <summary>Layouts this variant can run: "split" when it has encoder and head, "fused" when it has a fused file.</summary>
    public static IReadOnlyList<string> Layouts(this VariantSpec variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        var layouts = new List<string>(2);
        if (variant.Encoder is not null && variant.Head is not null)
        {
            layouts.Add(Split);
        }

        if (variant.Fused is not null)
        {
            layouts.Add(Fused);
        }

        return layouts;
    }

    public static VariantSpec? FindVariant(this ModelManifest manifest, string name)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Variants.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Floats per source step: C*H*W for video, channels for sensors.</summary>
    public static int FrameLength(this ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var i = manifest.Input;
        return manifest.Task == ModelTask.Action
            ? (i.Channels ?? 0) * (i.Height ?? 0) * (i.Width ?? 0)
            : i.Channels ?? 0;
    }

    /// <summary>Steps per window: T frames or W samples.</summary>
    public static int WindowLength(this ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return (manifest.Task == ModelTask.Action ? manifest.Input.Frames : manifest.Input.Window) ?? 0;
    }

    /// <summary>Floats per window of the primary output: K logits (action) or C forecast values (anomaly).</summary>
    public static int OutputLength(this ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Task == ModelTask.Action ? manifest.Labels.Count : manifest.Input.Channels ?? 0;
    }

    /// <summary>Name of the primary output tensor: logits (action) or forecast (anomaly).</summary>
    public static string PrimaryOutputKey(this ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return manifest.Task == ModelTask.Action ? "logits" : "forecast";
    }
}
