namespace EdgeStream.Sensors.Tests.TestSupport;

/// <summary>A fact that needs the bundled sensor samples (models/samples/sensors/*.csv); skipped with the reason until they exist.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class BundledSensorSamplesFactAttribute : FactAttribute
{
    public BundledSensorSamplesFactAttribute()
    {
        if (!Directory.Exists(RepoPaths.SensorSamples) || Directory.GetFiles(RepoPaths.SensorSamples, "*.csv").Length == 0)
        {
            Skip = $"no sensor samples in {RepoPaths.SensorSamples} (they come with the trained models)";
        }
    }
}
