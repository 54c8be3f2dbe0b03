using System.Collections;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Tests.Support;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Tests.Configuration;

public sealed class ConfigValidationTests
{
    private const string ValidConfig = """
        {
          "EdgeStream": {
            "Device": "box-1",
            "Models": { "action": { "Path": "models/action" } },
            "Streams": [ { "Id": "cam1", "Uri": "clips/a.mp4", "Model": "action", "Pacing": "fast" } ],
            "Mqtt": { "Enabled": false }
          }
        }
        """;

    [Fact]
    public void Load_ValidConfig_ResolvesRelativePathsAgainstConfigFolder()
    {
        using var config = ValidFiles(ValidConfig);

        var options = Load(config);

        Assert.Equal(Path.Combine(config.Directory, "models", "action"), options.Models["action"].Path);
        Assert.Equal(Path.Combine(config.Directory, "clips", "a.mp4"), options.Streams[0].Uri);
        Assert.Equal("fast", options.Streams[0].Pacing);
    }

    [Fact]
    public void Load_UnknownKey_MessageNamesKey()
    {
        using var config = ValidFiles(ValidConfig.Replace("\"Pacing\": \"fast\"", "\"Pacing\": \"fast\", \"Strde\": 4", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => Load(config));

        Assert.Contains(error.Problems, p => p.StartsWith("EdgeStream:Streams:0:Strde: unknown key", StringComparison.Ordinal) && p.Contains("Stride", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_UnknownTopLevelSection_MessageNamesKey()
    {
        using var config = ValidFiles(ValidConfig.Replace("\"EdgeStream\":", "\"EdgeStreem\": {}, \"EdgeStream\":", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => Load(config));

        Assert.Contains(error.Problems, p => p.StartsWith("EdgeStreem: unknown key", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BadEnumLikeValue_MessageNamesKeyAndChoices()
    {
        using var config = ValidFiles(ValidConfig.Replace("\"fast\"", "\"slow\"", StringComparison.Ordinal));

        var error = Assert.Throws<OptionsValidationException>(() => Load(config));

        Assert.Contains("EdgeStream:Streams:0:Pacing: 'slow' is not one of realtime, fast", error.Failures);
    }

    [Fact]
    public void Load_ValueOfWrongType_MessageNamesKey()
    {
        using var config = ValidFiles(ValidConfig.Replace("\"Pacing\": \"fast\"", "\"Stride\": \"four\"", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => Load(config));

        Assert.Contains("EdgeStream:Streams:0:Stride: 'four' is not a valid integer", error.Problems);
    }

    [Fact]
    public void Load_MissingModelFolder_MessageNamesKey()
    {
        using var config = new TempConfig(ValidConfig);
        config.AddFile("clips/a.mp4");

        var error = Assert.Throws<OptionsValidationException>(() => Load(config));

        Assert.Contains(error.Failures, f => f.StartsWith("EdgeStream:Models:action:Path: model folder", StringComparison.Ordinal) && f.EndsWith("not found", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_StreamNamesUnknownModel_MessageNamesKey()
    {
        using var config = ValidFiles(ValidConfig.Replace("\"Model\": \"action\"", "\"Model\": \"actoin\"", StringComparison.Ordinal));

        var error = Assert.Throws<OptionsValidationException>(() => Load(config));

        Assert.Contains(error.Failures, f => f.StartsWith("EdgeStream:Streams:0:Model: 'actoin' is not a model", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_PasswordInFile_RejectedWithoutEchoingIt()
    {
        using var config = ValidFiles(ValidConfig.Replace("\"Enabled\": false", "\"Enabled\": false, \"Password\": \"hunter2\"", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => Load(config));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("EdgeStream:Mqtt:Password: secrets are not read from config files", problem, StringComparison.Ordinal);
        Assert.Contains("EDGESTREAM__MQTT__PASSWORD", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EnvironmentAndOverrides_WinOverFileInThatOrder()
    {
        using var config = ValidFiles(ValidConfig);
        var environment = new Hashtable
        {
            ["EDGESTREAM__DEVICE"] = "from-env",
            ["EDGESTREAM__STREAMS__0__PACING"] = "realtime",
            ["EDGESTREAM__MQTT__PASSWORD"] = "secret",
            ["UNRELATED__KEY"] = "ignored",
        };

        var options = Load(config, environment, ["Device=from-cli"]);

        Assert.Equal("from-cli", options.Device);
        Assert.Equal("realtime", options.Streams[0].Pacing);
        Assert.Equal("secret", options.Mqtt.Password);
    }

    [Fact]
    public void Load_SystemdCredential_BecomesMqttPassword()
    {
        using var config = ValidFiles(ValidConfig);
        var credentials = Path.GetDirectoryName(config.AddFile("credentials/mqtt-password", "s3cret\n"))!;

        var options = Load(config, new Hashtable { ["CREDENTIALS_DIRECTORY"] = credentials });

        Assert.Equal("s3cret", options.Mqtt.Password);
    }

    [Fact]
    public void Load_MissingClip_MessageNamesKey()
    {
        using var config = new TempConfig(ValidConfig);
        config.AddModelFolder("models/action");

        var error = Assert.Throws<OptionsValidationException>(() => Load(config));

        Assert.Contains(error.Failures, f => f.StartsWith("EdgeStream:Streams:0:Uri: file", StringComparison.Ordinal) && f.EndsWith("not found", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BadOverrideSyntax_SaysHowToWriteIt()
    {
        using var config = ValidFiles(ValidConfig);

        var error = Assert.Throws<ConfigurationException>(() => Load(config, overrides: ["Device"]));

        Assert.Contains("expected KEY=VALUE", error.Message, StringComparison.Ordinal);
    }

    private static TempConfig ValidFiles(string json)
    {
        var config = new TempConfig(json);
        config.AddModelFolder("models/action");
        config.AddFile("clips/a.mp4");
        return config;
    }

    private static EdgeStreamOptions Load(TempConfig config, IDictionary? environment = null, string[]? overrides = null) => LoadedConfig.Of(config, environment, overrides);
}
