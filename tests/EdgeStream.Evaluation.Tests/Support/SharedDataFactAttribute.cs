namespace EdgeStream.Evaluation.Tests.Support;

/// <summary>A fact that needs a folder of ../shared/data; skipped, with the reason shown, when it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string folder)
    {
        var path = Path.Combine(Repo.SharedData, folder);
        if (!Directory.Exists(path))
        {
            Skip = $"shared data folder {path} is absent (the public benchmarks are not committed; see docs/architecture.md, Testing)";
        }
    }
}
