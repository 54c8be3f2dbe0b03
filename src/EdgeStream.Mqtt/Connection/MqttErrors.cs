using System.Net.Sockets;
using System.Security.Authentication;
using MQTTnet;

namespace EdgeStream.Mqtt.Connection;

/// <summary>MQTTnet and socket exceptions become <see cref="MqttConnectException"/>s here, and only here.</summary>
internal static class MqttErrors
{
    public static MqttConnectException Refused(BrokerEndpoint endpoint, MqttClientConnectResult result, string? username)
    {
        var permanent = result.ResultCode is MqttClientConnectResultCode.BadUserNameOrPassword
            or MqttClientConnectResultCode.NotAuthorized
            or MqttClientConnectResultCode.ClientIdentifierNotValid
            or MqttClientConnectResultCode.Banned
            or MqttClientConnectResultCode.BadAuthenticationMethod
            or MqttClientConnectResultCode.UnsupportedProtocolVersion;
        var hint = result.ResultCode switch
        {
            MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized =>
                $" (user '{username ?? "(anonymous)"}'; check EdgeStream:Mqtt:Username and the password in EDGESTREAM__MQTT__PASSWORD, EdgeStream:Mqtt:Password or EdgeStream:Mqtt:PasswordFile)",
            MqttClientConnectResultCode.ClientIdentifierNotValid => " (check EdgeStream:Mqtt:ClientId)",
            MqttClientConnectResultCode.UnsupportedProtocolVersion => " (try EdgeStream:Mqtt:ProtocolVersion 3.1.1)",
            _ => "",
        };
        var reason = string.IsNullOrEmpty(result.ReasonString) ? "" : ": " + result.ReasonString;
        return new MqttConnectException($"MQTT broker {endpoint} refused the connection: {result.ResultCode}{reason}{hint}", permanent);
    }

    public static MqttConnectException Failed(BrokerEndpoint endpoint, Exception exception)
    {
        var root = Root(exception);
        if (root is AuthenticationException)
        {
            return new MqttConnectException(
                $"TLS handshake with MQTT broker {endpoint} failed: {root.Message} (check EdgeStream:Mqtt:CaFile, ClientCertFile and the broker's certificate name)",
                isPermanent: true,
                exception);
        }

        var what = root is SocketException socket ? $"{socket.SocketErrorCode}: {socket.Message}" : root.Message;
        return new MqttConnectException($"cannot connect to MQTT broker {endpoint}: {what}", isPermanent: false, exception);
    }

    public static MqttConnectException TimedOut(BrokerEndpoint endpoint, TimeSpan timeout) =>
        new($"MQTT broker {endpoint} did not accept the connection within {timeout.TotalSeconds:0.#} s (EdgeStream:Mqtt:ConnectTimeoutSeconds)", isPermanent: false);

    private static Exception Root(Exception exception)
    {
        var current = exception;
        while (current.InnerException is { } inner)
        {
            if (current is AuthenticationException)
            {
                return current;
            }

            current = inner;
        }

        return current;
    }
}
