namespace EdgeStream.Mqtt.Tests.TestSupport;

/// <summary>Finds external programs on PATH (and /usr/sbin, where Debian puts mosquitto).</summary>
internal static class Tools
{
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var folders = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/usr/local/sbin");
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }
}

/// <summary>A test that needs Mosquitto (Debian packages mosquitto and mosquitto-clients); skipped with the reason when absent.</summary>
internal sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute()
    {
        var missing = new[] { "mosquitto", "mosquitto_sub" }.Where(t => Tools.Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(" and ", missing)} on PATH (apt-get install mosquitto mosquitto-clients)";
        }
    }
}

/// <summary>A Mosquitto test that also needs openssl to make its certificates.</summary>
internal sealed class MosquittoTlsFactAttribute : FactAttribute
{
    public MosquittoTlsFactAttribute()
    {
        var missing = new[] { "mosquitto", "mosquitto_sub", "openssl" }.Where(t => Tools.Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs {string.Join(" and ", missing)} on PATH (apt-get install mosquitto mosquitto-clients openssl)";
        }
    }
}
