using MQTTnet;
using MQTTnet.Exceptions;

namespace EdgeStream.Mqtt.Connection;

/// <summary>
/// The supervisor half of <see cref="MqttConnection"/>: the loop that connects, runs the on-connect actions, pings
/// every keep-alive interval, notices a dead or half-open connection and reconnects with the shared backoff.
/// </summary>
public sealed partial class MqttConnection
{
    private async Task SuperviseAsync(int failures, TimeSpan firstDelay, CancellationToken stop)
    {
        if (failures > 0 && !await BackOffAsync(firstDelay, stop))
        {
            return;
        }

        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (failures == 0 && await IsAliveAsync(stop))
                {
                    _up.TrySetResult();
                    await WaitForWakeAsync(Settings.PingInterval, stop);
                    continue;
                }

                if (failures == 0)
                {
                    Log.ConnectionLost(_logger, Endpoint.ToString());
                }

                MarkDown();
                await _client.TryDisconnectAsync();
                await ConnectOnceAsync(stop);
                failures = 0;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Whatever went wrong (refused, network, an unexpected MQTTnet state), the loop must keep trying.
                failures++;
                var delay = Settings.Backoff.Delay(failures);
                if (ex is MqttConnectException)
                {
                    Log.ConnectFailed(_logger, failures, delay.TotalSeconds, ex.Message);
                }
                else
                {
                    Log.LoopFailed(_logger, ex);
                }

                if (!await BackOffAsync(delay, stop))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Waits before the next connect attempt; false when stopping.</summary>
    private async Task<bool> BackOffAsync(TimeSpan delay, CancellationToken stop)
    {
        try
        {
            await Task.Delay(delay, _time, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.ConnectTimeout);
        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(Settings.ClientOptions, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw MqttErrors.TimedOut(Endpoint, Settings.ConnectTimeout);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw MqttErrors.Failed(Endpoint, ex);
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw MqttErrors.Refused(Endpoint, result, Settings.Username);
        }

        Log.Connected(_logger, Endpoint.ToString(), Settings.ClientId);
        foreach (var action in _onConnected)
        {
            // Bounded like a publish: an action that never ends (a PUBACK that never comes) would otherwise keep the
            // connection marked down and the supervisor inside this method, so no ping would ever notice.
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(Settings.PublishTimeout);
            try
            {
                await action(bounded.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                Log.OnConnectFailed(_logger, new TimeoutException($"not done within {Settings.PublishTimeout.TotalSeconds:0.#} s (EdgeStream:Mqtt:PublishTimeoutSeconds)", ex));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed re-publish or re-subscribe must not keep the connection down; the next ping decides.
                Log.OnConnectFailed(_logger, ex);
            }
        }

        _up.TrySetResult();
    }

    private async Task<bool> IsAliveAsync(CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Settings.PublishTimeout);
        return await _client.TryPingAsync(timeout.Token);
    }

    private async Task WaitForWakeAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        var wake = _wake;
        try
        {
            await wake.Task.WaitAsync(interval, _time, cancellationToken);
            Interlocked.CompareExchange(ref _wake, NewSignal(), wake);
        }
        catch (TimeoutException)
        {
            // The normal case: time for the next ping.
        }
    }

    private Task OnClientDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        MarkDown();
        Wake();
        return Task.CompletedTask;
    }

    private void MarkDown()
    {
        var up = _up;
        if (up.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _up, NewSignal(), up);
        }
    }

    private void Wake() => _wake.TrySetResult();

    private static bool IsConnectionFault(Exception ex) =>
        ex is MqttCommunicationException or MqttClientNotConnectedException or MqttClientDisconnectedException or ObjectDisposedException or IOException;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
