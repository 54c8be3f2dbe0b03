using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Decisions;

/// <summary>
/// One judged window: its metadata and step stamps, the model outputs for it (logits or forecast, and
/// attention), the target step for forecasting models, and timings. Spans point into the inference
/// stage's buffers and are valid only during the call.
/// </summary>
public readonly ref struct DecisionInput
{
    public DecisionInput(
        in WindowMeta meta,
        ReadOnlySpan<StepStamp> stamps,
        ReadOnlySpan<float> output,
        ReadOnlySpan<float> attention,
        ReadOnlySpan<float> target,
        double inferenceMs,
        double captureToDecisionMs)
    {
        Meta = meta;
        Stamps = stamps;
        Output = output;
        Attention = attention;
        Target = target;
        InferenceMs = inferenceMs;
        CaptureToDecisionMs = captureToDecisionMs;
    }

    public WindowMeta Meta { get; }

    /// <summary>Sequence and timestamp of each step; for forecasting models the target step comes last.</summary>
    public ReadOnlySpan<StepStamp> Stamps { get; }

    /// <summary>K logits (action) or C forecast values (anomaly).</summary>
    public ReadOnlySpan<float> Output { get; }

    /// <summary>Attention over the window's steps.</summary>
    public ReadOnlySpan<float> Attention { get; }

    /// <summary>The step after the window (forecasting models); empty otherwise.</summary>
    public ReadOnlySpan<float> Target { get; }

    public double InferenceMs { get; }

    public double CaptureToDecisionMs { get; }

    /// <summary>The stream time the decision belongs to: the target step's for forecasters, else the window's last step.</summary>
    public DateTimeOffset DecisionTime => Target.IsEmpty ? Meta.LastTimestamp : Stamps[^1].Timestamp;
}
