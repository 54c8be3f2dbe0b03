namespace EdgeStream.Evaluation.Tests.Skab;

/// <summary>A theory over ../shared/data/skab; skipped, with the reason shown, when that folder is absent (as Support's SharedDataFact).</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SkabDataTheoryAttribute : TheoryAttribute
{
    public SkabDataTheoryAttribute()
    {
        if (!Directory.Exists(SkabSharedData.Folder))
        {
            Skip = $"shared data folder {SkabSharedData.Folder} is absent (the public benchmarks are not committed; see docs/architecture.md, Testing)";
        }
    }
}
