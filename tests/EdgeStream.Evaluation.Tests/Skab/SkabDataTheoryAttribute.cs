namespace EdgeStream.Evaluation.Tests.Skab;

/// <summary>A theory over ../shared/data/skab; skipped, with the reason shown, when that folder is absent (as SharedDataFact).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SkabDataTheoryAttribute : TheoryAttribute
{
    public SkabDataTheoryAttribute() => Skip = Repo.WhySharedDataMissing("skab");
}
