using EdgeStream.Core.Models;
using EdgeStream.Core.Verification;
using EdgeStream.Onnx.Tests.Support;
using Xunit.Abstractions;

namespace EdgeStream.Onnx.Tests.Golden;

public sealed class EvaluationTests(ITestOutputHelper output)
{
    private readonly GoldenVerifier _verifier = new(new OnnxEngineFactory());

    [Fact]
    public void Evaluate_TinyTestset_ReferenceAgreesWithItselfAndOthersAreCompared()
    {
        var report = _verifier.Evaluate(RepoPaths.TinyAction, Path.Combine(RepoPaths.TinyAction, "golden", "testset.json"), new VerifyOptions { MaxBatch = 4 });
        output.WriteLine(report.ToTable());

        var fp32 = report.Rows.Where(r => r.Variant == "fp32").ToList();
        Assert.Equal(2, fp32.Count);
        Assert.All(fp32, r => Assert.Equal((6, 1.0, 0.0), (r.Cases, r.Top1AgreementWithReference, r.MaxLogitDiffFromReference)));
        var int8 = report.Rows.Where(r => r.Variant == "int8").ToList();
        Assert.Equal(2, int8.Count);
        Assert.All(int8, r => Assert.InRange(r.Top1AgreementWithReference, 0.0, 1.0));
        Assert.All(int8, r => Assert.InRange(r.MaxLogitDiffFromReference, 1e-6, 0.5));
        Assert.All(report.Rows.Where(r => r.Cases > 0), r => Assert.InRange(r.Top1Accuracy, 0.0, 1.0));
    }

    [Fact]
    public void Evaluate_LabelNotInModel_NamesCaseAndLabel()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        var testset = Path.Combine(copy.Folder, "golden", "testset.json");
        File.WriteAllText(testset, File.ReadAllText(testset).Replace("\"wave\"", "\"dance\"", StringComparison.Ordinal));

        var ex = Assert.Throws<ModelLoadException>(() => _verifier.Evaluate(copy.Folder, testset));

        Assert.Contains("case 'eval1' has label 'dance'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_AnomalyModel_Refuses()
    {
        var ex = Assert.Throws<ModelLoadException>(() => _verifier.Evaluate(RepoPaths.TinyAnomaly, Path.Combine(RepoPaths.TinyAnomaly, "golden", "golden.json")));

        Assert.Contains("needs an action model", ex.Message, StringComparison.Ordinal);
    }
}
