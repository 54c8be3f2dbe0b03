using System.Text.Json.Serialization;

namespace EdgeStream.Core.Models.Manifest;

/// <summary>
/// The model contract (docs/model-contract.md): what a model folder's manifest.json says.
/// Plain data bound by System.Text.Json; <see cref="ManifestLoader"/> validates it and names the bad field.
/// </summary>
public sealed record ModelManifest
{
    public int FormatVersion { get; init; }
    public string Name { get; init; } = "";
    public string Version { get; init; } = "";
    [JsonRequired]
    public ModelTask Task { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Labels { get; init; } = [];
    public InputSpec Input { get; init; } = new();
    public TensorNames Tensors { get; init; } = new();
    public int? FeatureSize { get; init; }
    public IReadOnlyList<VariantSpec> Variants { get; init; } = [];
    public DecisionDefaults Defaults { get; init; } = new();
    public string? Golden { get; init; }

    /// <summary>Folder the manifest was read from; file paths resolve against it. Set by the loader.</summary>
    [JsonIgnore]
    public string Directory { get; init; } = "";

    public string Resolve(string relativePath) => Path.GetFullPath(Path.Combine(Directory, relativePath));
}

[JsonConverter(typeof(JsonStringEnumConverter<ModelTask>))]
public enum ModelTask
{
    Action,
    Anomaly,
}

public sealed record InputSpec
{
    // Video models.
    public int? Frames { get; init; }
    public int? Channels { get; init; }
    public int? Height { get; init; }
    public int? Width { get; init; }
    public double? Fps { get; init; }
    public string? ColorOrder { get; init; }
    public double? Scale { get; init; }
    public IReadOnlyList<float>? Mean { get; init; }
    public IReadOnlyList<float>? Std { get; init; }
    public string? Resize { get; init; }

    // Sensor models (Channels is shared).
    public int? Window { get; init; }
    public IReadOnlyList<string>? ChannelNames { get; init; }
    public NormalisationSpec? Normalisation { get; init; }
}

public sealed record NormalisationSpec
{
    /// <summary><c>fixed</c> (mean/std given) or <c>warmup</c> (per stream, from its first samples).</summary>
    public string Kind { get; init; } = "";
    public int? WarmupSamples { get; init; }
    public IReadOnlyList<float>? Mean { get; init; }
    public IReadOnlyList<float>? Std { get; init; }

    /// <summary>Floor for a channel's standard deviation (a flat channel would divide by ~0). Default: none.</summary>
    public float? MinStd { get; init; }
}

public sealed record TensorNames
{
    public string? Frames { get; init; }
    public string? Features { get; init; }
    public string? Logits { get; init; }
    public string? Attention { get; init; }
    public string? Window { get; init; }
    public string? Forecast { get; init; }
}

public sealed record VariantSpec
{
    public string Name { get; init; } = "";
    public string Precision { get; init; } = "";
    public string IoType { get; init; } = "float32";
    public ModelFile? Fused { get; init; }
    public ModelFile? Encoder { get; init; }
    public ModelFile? Head { get; init; }
}

public sealed record ModelFile
{
    public string File { get; init; } = "";
    public string Sha256 { get; init; } = "";
}

public sealed record DecisionDefaults
{
    public string? Variant { get; init; }
    public string? Layout { get; init; }
    public int Stride { get; init; } = 1;
    public double? Threshold { get; init; }
    public int EnterWindows { get; init; } = 1;
    public int ExitWindows { get; init; } = 1;
    public int TopK { get; init; } = 3;
    public AnomalyScoreSpec? Score { get; init; }
}

public sealed record AnomalyScoreSpec
{
    /// <summary>
    /// <c>zscore</c> (default): the z of the smoothed forecast error against its running baseline (the training
    /// recipe's rule, with Python parity). <c>likelihood</c>: the anomaly likelihood of <see cref="Likelihood"/>,
    /// a score in [0, 1]. <c>chart</c>: the residual chart of <see cref="Chart"/>, calibrated on the warm-up, a
    /// score in units of its limit (docs/sensors.md).
    /// </summary>
    public string? Kind { get; init; }

    /// <summary>The kinds' names, as the manifest spells them.</summary>
    public const string ZScoreKind = "zscore";

    public const string LikelihoodKind = "likelihood";

    public const string ChartKind = "chart";

    public double ErrorEwmaAlpha { get; init; }
    public int BaselineSamples { get; init; }
    public double Threshold { get; init; }

    /// <summary>Floor for the baseline's standard deviation of the smoothed error. Default: none.</summary>
    public double? MinStd { get; init; }

    /// <summary>The likelihood rule's settings (kind <c>likelihood</c>); absent: its defaults.</summary>
    public LikelihoodSpec? Likelihood { get; init; }

    /// <summary>The residual chart's settings (kind <c>chart</c>); absent: its defaults.</summary>
    public ChartSpec? Chart { get; init; }
}

/// <summary>
/// The residual mean-shift chart's settings (kind <c>chart</c>): the residual's mean over <see cref="Window"/>
/// samples, its limit the <see cref="Quantile"/> of the chart statistic over the warm-up. Defaults measured on SKAB.
/// </summary>
public sealed record ChartSpec
{
    public int Window { get; init; } = 20;
    public double Quantile { get; init; } = 0.99;
}

/// <summary>
/// The anomaly likelihood's settings (kind <c>likelihood</c>): each signal's short moving average is judged against
/// the distribution of its last <see cref="HistorySamples"/> averages. Defaults are the values measured on NAB
/// (models/README.md says which were chosen there).
/// </summary>
public sealed record LikelihoodSpec
{
    public int HistorySamples { get; init; } = 4000;
    public IReadOnlyList<int> ShortWindows { get; init; } = [20, 100];
    public int LearningSamples { get; init; } = 150;
    public double Red { get; init; } = 1e-5;
    public double Yellow { get; init; } = 1e-3;
    public double Rearm { get; init; } = 1e-3;
    public double SpatialTolerance { get; init; } = 0.05;
    public int RefractorySamples { get; init; } = 25;

    /// <summary>
    /// Scored samples at the start of a stream whose spatial detections raise nothing (the score is still computed):
    /// the range is a few hundred samples old, and a new extreme is mostly the range widening. Costs NAB points on
    /// its shortest files, whose probationary period is shorter (models/README.md).
    /// </summary>
    public int QuietSamples { get; init; } = 150;
}
