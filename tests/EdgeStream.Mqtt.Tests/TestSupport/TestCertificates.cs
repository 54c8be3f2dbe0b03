using System.Diagnostics;

namespace EdgeStream.Mqtt.Tests.TestSupport;

/// <summary>A private CA, a server certificate for 127.0.0.1/localhost and a client certificate, made with openssl in a folder.</summary>
internal sealed record TestCertificates(string CaCert, string ServerCert, string ServerKey, string ClientCert, string ClientKey, string OtherCaCert)
{
    public static async Task<TestCertificates> CreateAsync(string folder)
    {
        string F(string name) => Path.Combine(folder, name);
        await File.WriteAllTextAsync(F("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        await File.WriteAllTextAsync(F("client.ext"), "extendedKeyUsage=clientAuth\n");
        await OpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", F("ca.key"), "-out", F("ca.crt"), "-days", "2", "-subj", "/CN=EdgeStream Test CA");
        await OpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", F("other-ca.key"), "-out", F("other-ca.crt"), "-days", "2", "-subj", "/CN=Some Other CA");
        await OpenSslAsync("req", "-newkey", "rsa:2048", "-nodes", "-keyout", F("server.key"), "-out", F("server.csr"), "-subj", "/CN=127.0.0.1");
        await OpenSslAsync("x509", "-req", "-in", F("server.csr"), "-CA", F("ca.crt"), "-CAkey", F("ca.key"), "-CAcreateserial", "-out", F("server.crt"), "-days", "2", "-extfile", F("server.ext"));
        await OpenSslAsync("req", "-newkey", "rsa:2048", "-nodes", "-keyout", F("client.key"), "-out", F("client.csr"), "-subj", "/CN=edge-client");
        await OpenSslAsync("x509", "-req", "-in", F("client.csr"), "-CA", F("ca.crt"), "-CAkey", F("ca.key"), "-CAcreateserial", "-out", F("client.crt"), "-days", "2", "-extfile", F("client.ext"));
        return new TestCertificates(F("ca.crt"), F("server.crt"), F("server.key"), F("client.crt"), F("client.key"), F("other-ca.crt"));
    }

    private static async Task OpenSslAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Tools.Find("openssl")!, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', args)} failed: {await stderr}");
    }
}
