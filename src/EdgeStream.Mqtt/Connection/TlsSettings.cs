using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EdgeStream.Mqtt.Options;
using MQTTnet;

namespace EdgeStream.Mqtt.Connection;

/// <summary>
/// TLS for <c>mqtts://</c>: the broker's certificate is checked against <c>CaFile</c> (a private CA, as edge brokers
/// usually have) or the system store; the host name must match; an optional PEM client certificate for mutual TLS.
/// </summary>
internal static class TlsSettings
{
    public static MqttClientTlsOptions Create(MqttOptions options, BrokerEndpoint endpoint)
    {
        var builder = new MqttClientTlsOptionsBuilder()
            .UseTls(true)
            .WithTargetHost(endpoint.Host)
            .WithSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);

        if (!string.IsNullOrEmpty(options.CaFile))
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(options.CaFile);
            builder.WithCertificateValidationHandler(args => ValidateWithPrivateCa(args.Certificate, args.Chain, args.SslPolicyErrors, authorities));
        }

        if (!string.IsNullOrEmpty(options.ClientCertFile))
        {
            using var pem = X509Certificate2.CreateFromPemFile(options.ClientCertFile, options.ClientKeyFile);

            // A PEM key is ephemeral; SslStream needs a certificate whose key it can use, so round-trip through PKCS#12.
            var certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            builder.WithClientCertificates([certificate]);
        }

        return builder.Build();
    }

    private static bool ValidateWithPrivateCa(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors, X509Certificate2Collection authorities)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only chain errors may be fixed by our CA; a wrong host name or a missing certificate never is.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 leaf)
        {
            return chain.Build(leaf);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(copy);
    }
}
