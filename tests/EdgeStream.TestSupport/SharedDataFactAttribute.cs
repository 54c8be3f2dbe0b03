namespace EdgeStream.TestSupport;

/// <summary>
/// A fact that needs a folder of ../shared/data (nab, skab, clips: public data, never committed); skipped, with the
/// reason shown, when it is absent.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : Xunit.FactAttribute
{
    public SharedDataFactAttribute(string folder) => Skip = Repo.WhySharedDataMissing(folder);
}
