using EdgeStream.Core.Events.Serialization;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Tests.TestSupport;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Mosquitto;

/// <summary>mqtts:// against a Mosquitto TLS listener whose certificate comes from a private CA made by the test.</summary>
public sealed class MosquittoTlsTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLog _log = new(output);
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-tls-").FullName;

    [MosquittoTlsFact]
    public async Task PublishAsync_MqttsWithCaFile_MosquittoSubOverTlsReceivesEvent()
    {
        var certs = await TestCertificates.CreateAsync(_folder);
        await using var broker = await MosquittoBroker.StartAsync(_folder, $"cafile {certs.CaCert}", $"certfile {certs.ServerCert}", $"keyfile {certs.ServerKey}");
        await using var sub = MosquittoSub.Start(broker.Port, "edgestream/dev1/cam1/events", 1, "--cafile", certs.CaCert);
        await broker.WaitForLogAsync(sub.ClientId, "edgestream/dev1/cam1/events");
        var options = new MqttOptions { Broker = $"mqtts://127.0.0.1:{broker.Port}", CaFile = certs.CaCert };
        var e = Samples.Event(1);

        await using (var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log))
        {
            await sink.PublishAsync(e, CancellationToken.None);
        }

        var line = Assert.Single(await sub.MessagesAsync());
        Assert.Equal("edgestream/dev1/cam1/events " + System.Text.Encoding.UTF8.GetString(EventJson.Serialize(e)), line);
    }

    [MosquittoTlsFact]
    public async Task StartAsync_BrokerCertFromOtherCa_PermanentTlsErrorNamingCaFile()
    {
        var certs = await TestCertificates.CreateAsync(_folder);
        await using var broker = await MosquittoBroker.StartAsync(_folder, $"cafile {certs.CaCert}", $"certfile {certs.ServerCert}", $"keyfile {certs.ServerKey}");
        var options = new MqttOptions { Broker = $"mqtts://127.0.0.1:{broker.Port}", CaFile = certs.OtherCaCert };

        var ex = await Assert.ThrowsAsync<MqttConnectException>(() => MqttEventSink.StartAsync(options, Samples.Online(), _log));

        output.WriteLine(ex.Message);
        Assert.True(ex.IsPermanent);
        Assert.Contains("EdgeStream:Mqtt:CaFile", ex.Message, StringComparison.Ordinal);
    }

    [MosquittoTlsFact]
    public async Task StartAsync_BrokerRequiresClientCert_ConnectsWithPemCertAndKey()
    {
        var certs = await TestCertificates.CreateAsync(_folder);
        await using var broker = await MosquittoBroker.StartAsync(_folder, $"cafile {certs.CaCert}", $"certfile {certs.ServerCert}", $"keyfile {certs.ServerKey}", "require_certificate true");
        await using var sub = MosquittoSub.Start(broker.Port, "edgestream/dev1/cam1/events", 1, "--cafile", certs.CaCert, "--cert", certs.ClientCert, "--key", certs.ClientKey);
        await broker.WaitForLogAsync(sub.ClientId, "edgestream/dev1/cam1/events");
        var options = new MqttOptions
        {
            Broker = $"mqtts://localhost:{broker.Port}",
            CaFile = certs.CaCert,
            ClientCertFile = certs.ClientCert,
            ClientKeyFile = certs.ClientKey,
        };

        await using (var sink = await MqttEventSink.StartAsync(options, Samples.Online(), _log))
        {
            await sink.PublishAsync(Samples.Event(2), CancellationToken.None);
        }

        Assert.Single(await sub.MessagesAsync());
    }

    public void Dispose()
    {
        _log.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
