using EdgeStream.Core.Verification;
using EdgeStream.Onnx.Tests.Support;
using Xunit.Abstractions;

namespace EdgeStream.Onnx.Tests.Golden;

/// <summary>ONNX Runtime in C# against PyTorch's golden outputs, for every variant and layout a model ships.</summary>
public sealed class GoldenParityTests(ITestOutputHelper output)
{
    private readonly GoldenVerifier _verifier = new(new OnnxEngineFactory());

    [Fact]
    public void Verify_TinyAction_EveryVariantAndLayoutWithinTolerance()
    {
        var report = Check(RepoPaths.TinyAction);

        Assert.Equal(3 * 2 * 2, report.Rows.Count); // fp32/fp16/int8 x split/fused x logits/attention
        // fp16 included: ONNX Runtime 1.31's CPU provider runs float16 models (through Casts to float32 kernels).
        Assert.All(report.Rows, r => Assert.Equal(ParityStatus.Pass, r.Status));
    }

    [Fact]
    public void Verify_TinyAnomaly_EveryVariantWithinTolerance()
    {
        var report = Check(RepoPaths.TinyAnomaly);

        Assert.Equal(2 * 2, report.Rows.Count);
        Assert.All(report.Rows, r => Assert.Equal(ParityStatus.Pass, r.Status));
    }

    [Fact]
    public void Verify_WrongExpectedValue_FailsThatRow()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAnomaly);
        var golden = Path.Combine(copy.Folder, "golden", "golden.json");
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(golden))!;
        var value = root["cases"]![0]!["expected"]!["fp32"]!["forecast"]![0]!;
        root["cases"]![0]!["expected"]!["fp32"]!["forecast"]![0] = value.GetValue<double>() + 0.01;
        File.WriteAllText(golden, root.ToJsonString());

        var report = _verifier.Verify(copy.Folder);

        Assert.False(report.Passed);
        var failed = Assert.Single(report.Rows, r => r.Status == ParityStatus.Fail);
        Assert.Equal(("fp32", "forecast"), (failed.Variant, failed.Output));
        Assert.InRange(failed.MaxAbsDiff, 0.009, 0.011);
    }

    [ShippedModelFact("action")]
    public void Verify_ShippedAction_EveryVariantAndLayoutWithinTolerance() => AssertShipped("action");

    [ShippedModelFact("pose")]
    public void Verify_ShippedPose_EveryVariantWithinTolerance() => AssertShipped("pose");

    [ShippedModelFact("anomaly")]
    public void Verify_ShippedAnomaly_EveryVariantWithinTolerance() => AssertShipped("anomaly");

    [ShippedModelFact("anomaly-univariate")]
    public void Verify_ShippedUnivariateAnomaly_EveryVariantWithinTolerance() => AssertShipped("anomaly-univariate");

    private void AssertShipped(string name)
    {
        var report = Check(RepoPaths.ShippedModel(name));

        Assert.True(report.Passed, report.ToTable());
        // Every variant a CPU can run is checked: only float16 variants may be skipped, and only with the reason.
        Assert.All(report.Rows.Where(r => r.Status == ParityStatus.Skipped), r => Assert.Contains("float16", r.Note, StringComparison.Ordinal));
    }

    private ParityReport Check(string folder)
    {
        var report = _verifier.Verify(folder);
        output.WriteLine(report.ToTable());
        return report;
    }
}
