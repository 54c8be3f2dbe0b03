namespace EdgeStream.Sensors.Tests.TestSupport;

/// <summary>The repository root (the folder holding EdgeStream.sln) and the shared data beside it.</summary>
internal static class RepoPaths
{
    public static string Root => Repo.Root;

    /// <summary>../shared/data relative to the repository root (NAB, SKAB, clips; never committed).</summary>
    public static string SharedData => Repo.SharedData;

    public static string SensorSamples => Path.Combine(Root, "models", "samples", "sensors");
}
