namespace EdgeStream.Host.Configuration;

/// <summary>Names of the top-level sections a config file may have.</summary>
internal static class ConfigKeys
{
    public const string Section = EdgeStreamOptions.SectionName;

    /// <summary>Standard Microsoft.Extensions.Logging levels; not checked key by key.</summary>
    public const string Logging = "Logging";
}
