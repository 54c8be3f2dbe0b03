using EdgeStream.Host.Configuration;

namespace EdgeStream.Host.Tests.Configuration;

public sealed class ConfigFileLocatorTests
{
    [Fact]
    public void Locate_NothingGiven_PrefersCurrentDirectoryThenSystemThenBundled()
    {
        var present = new HashSet<string> { "/cwd/appsettings.json", ConfigFileLocator.SystemPath, "/app/appsettings.json" };

        Assert.Equal("/cwd/appsettings.json", ConfigFileLocator.Locate(null, "/cwd", "/app", present.Contains));
        present.Remove("/cwd/appsettings.json");
        Assert.Equal(ConfigFileLocator.SystemPath, ConfigFileLocator.Locate(null, "/cwd", "/app", present.Contains));
        present.Remove(ConfigFileLocator.SystemPath);
        Assert.Equal("/app/appsettings.json", ConfigFileLocator.Locate(null, "/cwd", "/app", present.Contains));
    }

    [Fact]
    public void Locate_ExplicitMissingFile_NamesTheOption()
    {
        var error = Assert.Throws<ConfigurationException>(() => ConfigFileLocator.Locate("x.json", "/cwd", "/app", _ => false));

        Assert.Equal("--config: file '/cwd/x.json' not found", error.Message);
    }
}
