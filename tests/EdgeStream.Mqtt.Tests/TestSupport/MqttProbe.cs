using System.Buffers;
using System.Threading.Channels;
using MQTTnet;

namespace EdgeStream.Mqtt.Tests.TestSupport;

/// <summary>A plain MQTTnet subscriber, independent of the code under test, that records what the broker delivers.</summary>
internal sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<Received> _received = Channel.CreateUnbounded<Received>();

    private MqttProbe(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += args =>
        {
            var m = args.ApplicationMessage;
            _received.Writer.TryWrite(new Received(m.Topic, m.Payload.ToArray(), m.Retain, (int)m.QualityOfServiceLevel));
            return Task.CompletedTask;
        };
    }

    public static async Task<MqttProbe> StartAsync(int port, string filter)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("probe-" + Guid.NewGuid().ToString("N")[..8]).Build();
        using var timeout = new CancellationTokenSource(Eventually.Limit);
        var result = await client.ConnectAsync(options, timeout.Token);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        var probe = new MqttProbe(client);
        await client.SubscribeAsync(filter, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token);
        return probe;
    }

    /// <summary>The next message whose topic and payload satisfy <paramref name="match"/>; others are skipped.</summary>
    public async Task<Received> NextAsync(Func<Received, bool>? match = null)
    {
        using var timeout = new CancellationTokenSource(Eventually.Limit);
        while (true)
        {
            var next = await _received.Reader.ReadAsync(timeout.Token);
            if (match is null || match(next))
            {
                return next;
            }
        }
    }

    /// <summary>Reads until every topic in <paramref name="topics"/> was seen (retained messages come in no fixed order); the last message per topic.</summary>
    public async Task<IReadOnlyDictionary<string, Received>> TopicsAsync(params string[] topics)
    {
        var seen = new Dictionary<string, Received>(StringComparer.Ordinal);
        while (!topics.All(seen.ContainsKey))
        {
            var next = await NextAsync();
            seen[next.Topic] = next;
        }

        return seen;
    }

    public async ValueTask DisposeAsync()
    {
        await _client.TryDisconnectAsync();
        _client.Dispose();
    }

    public sealed record Received(string Topic, byte[] Payload, bool Retain, int Qos)
    {
        public string Text => System.Text.Encoding.UTF8.GetString(Payload);
    }
}
