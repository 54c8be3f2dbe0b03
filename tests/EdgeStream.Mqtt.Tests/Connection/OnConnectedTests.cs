using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Tests.TestSupport;
using Xunit.Abstractions;

namespace EdgeStream.Mqtt.Tests.Connection;

/// <summary>The actions run after every connect (re-publish retained status, re-subscribe) cannot hold the connection down.</summary>
public sealed class OnConnectedTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestLog _log = new(output);

    [Fact]
    public async Task StartAsync_ActionThatNeverEnds_ConnectionComesUpAfterThePublishTimeoutAndSaysWhy()
    {
        await using var broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, _log);
        var options = new MqttOptions { Broker = broker.Uri, PublishTimeoutSeconds = 0.5 };
        await using var connection = new MqttConnection(MqttConnectionSettings.From(options, BrokerEndpoint.From(options), "on-connect-test"), _log);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.OnConnected(async ct =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct); // a PUBACK that never comes
        });

        await connection.StartAsync(requireConnection: true, CancellationToken.None).WaitAsync(Eventually.Limit);

        Assert.True(started.Task.IsCompleted);
        Assert.True(connection.IsConnected);
        Assert.Contains(_log.Lines, l => l.Contains("[4007]", StringComparison.Ordinal) && l.Contains("not done within 0.5 s", StringComparison.Ordinal));
    }

    public void Dispose() => _log.Dispose();
}
