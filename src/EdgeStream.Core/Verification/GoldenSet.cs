namespace EdgeStream.Core.Verification;

/// <summary>
/// golden/golden.json (docs/model-contract.md): input cases with PyTorch's expected outputs per variant and a tolerance
/// per variant and output. An evaluation set (testset.json) has the same shape with labels and no expected values.
/// </summary>
public sealed record GoldenSet
{
    public IReadOnlyList<GoldenCase> Cases { get; init; } = [];

    /// <summary>variant -> output name (logits, attention, forecast) -> largest allowed absolute difference.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? Tolerance { get; init; }
}

public sealed record GoldenCase
{
    public string Name { get; init; } = "";
    public string? Label { get; init; }
    public GoldenInput Input { get; init; } = new();

    /// <summary>variant -> output name -> expected values of one window.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, float[]>>? Expected { get; init; }
}

/// <summary>Video: <c>file</c> of raw uint8 [T,H,W,3] in the manifest's colour order. Sensors: <c>values</c> [W][C], already normalised.</summary>
public sealed record GoldenInput
{
    public string? File { get; init; }
    public string Dtype { get; init; } = "";
    public IReadOnlyList<int> Shape { get; init; } = [];
    public IReadOnlyList<float[]>? Values { get; init; }
}
