using System.Security.Cryptography;

namespace EdgeStream.Mqtt.Broker;

/// <summary>
/// The embedded broker's owner: EdgeStream's own publisher, the only client allowed to publish under the topic prefix
/// (events, status, state). A user name and a random password made per process, never written anywhere, so no
/// other local client can sign in as it and publish fake events or a fake retained status.
/// </summary>
public sealed record BrokerOwner(string Username, string Password)
{
    public const string OwnerUsername = "edgestream-owner";

    public static BrokerOwner Create() => new(OwnerUsername, Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
}
