namespace EdgeStream.Mqtt.Tests.TestSupport;

/// <summary>A test that needs Mosquitto (Debian packages mosquitto and mosquitto-clients); skipped with the reason when absent.</summary>
internal sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute() => Skip = Tools.WhyMissing("mosquitto mosquitto-clients", "mosquitto", "mosquitto_sub");
}

/// <summary>A Mosquitto test that also needs openssl to make its certificates.</summary>
internal sealed class MosquittoTlsFactAttribute : FactAttribute
{
    public MosquittoTlsFactAttribute() => Skip = Tools.WhyMissing("mosquitto mosquitto-clients openssl", "mosquitto", "mosquitto_sub", "openssl");
}
