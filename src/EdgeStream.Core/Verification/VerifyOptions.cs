namespace EdgeStream.Core.Verification;

/// <summary>How <see cref="GoldenVerifier"/> runs the model: provider and threads as in production, optional filters.</summary>
public sealed record VerifyOptions
{
    /// <summary>Execution provider: cpu, cuda or tensorrt. Default cpu.</summary>
    public string Provider { get; init; } = "cpu";

    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Windows per call in evaluation mode. Default 8.</summary>
    public int MaxBatch { get; init; } = 8;

    /// <summary>Only these variants (by name). Default: all in the manifest.</summary>
    public IReadOnlyList<string>? Variants { get; init; }

    /// <summary>Only these layouts (split, fused). Default: every layout each variant has.</summary>
    public IReadOnlyList<string>? Layouts { get; init; }

    /// <summary>The variant others are compared with in evaluation mode. Default fp32.</summary>
    public string ReferenceVariant { get; init; } = "fp32";
}
