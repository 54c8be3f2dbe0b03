using System.Diagnostics;
using System.Globalization;
using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Mqtt.Tests.Mosquitto;

/// <summary>
/// <c>mosquitto_sub</c> without <c>-i</c> sends an empty client id. Over MQTT 5 the embedded broker assigns one (it
/// refused the connection before); over MQTT 3.1.1 MQTTnet has no way to assign one, and the refusal is documented.
/// </summary>
public sealed class EmbeddedBrokerClientIdTests
{
    [MosquittoFact]
    public async Task MosquittoSubOverMqtt5WithoutAClientId_IsAssignedOneAndGetsTheRetainedMessage()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, NullLogger.Instance);
        var port = broker.Port.ToString(CultureInfo.InvariantCulture);
        var (published, _) = await RunAsync("mosquitto_pub", "-i", "publisher", "-h", "127.0.0.1", "-p", port, "-t", "edgestream/dev1/status", "-m", "online", "-r", "-q", "1");
        Assert.Equal(0, published);

        var (exit, output) = await RunAsync("mosquitto_sub", "-V", "mqttv5", "-h", "127.0.0.1", "-p", port, "-t", "edgestream/#", "-v", "-C", "1", "-W", "30");

        Assert.True(exit == 0, output);
        Assert.Contains("edgestream/dev1/status online", output, StringComparison.Ordinal);
    }

    [MosquittoFact]
    public async Task MosquittoSubOverMqtt311WithoutAClientId_IsRefusedAsTheReadmeSays()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, NullLogger.Instance);

        var (exit, output) = await RunAsync("mosquitto_sub", "-h", "127.0.0.1", "-p", broker.Port.ToString(CultureInfo.InvariantCulture), "-t", "edgestream/#", "-C", "1", "-W", "30");

        Assert.NotEqual(0, exit);
        Assert.Contains("identifier rejected", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(Tools.Find(tool)!, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(Eventually.Limit);
        return (process.ExitCode, await stdout + await stderr);
    }
}
