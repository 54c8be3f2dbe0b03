using EdgeStream.Core.Sources;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Sensors;
using EdgeStream.Sensors.Payloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;

namespace EdgeStream.Mqtt.Sensors;

/// <summary>
/// A sensor stream fed by an MQTT topic. The connection is this adapter's <see cref="MqttConnection"/>
/// (ping on a timer, TryDisconnect before reconnect, exponential backoff with jitter); the subscription is renewed
/// after every reconnect. Each message is parsed (JSON or CSV) and every sample validated like a CSV line, by
/// EdgeStream.Sensors' <see cref="SensorPayloadParser"/>; a bad message is rejected with its number and the stream
/// goes on. Runs until cancelled.
/// </summary>
public sealed class MqttSensorSource : IStreamSource
{
    private readonly MqttSensorOptions _options;
    private readonly MqttConnectionSettings _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private SensorPayloadParser? _parser;
    private IStepWriter? _writer;
    private int _online;
    private long _messages;

    public MqttSensorSource(
        string streamId,
        MqttSensorOptions options,
        MqttConnectionSettings connection,
        TimeProvider? time = null,
        ILogger<MqttSensorSource>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(connection);
        options.Validate();
        StreamId = streamId;
        _options = options;
        _connection = connection;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<MqttSensorSource>.Instance;
    }

    public string StreamId { get; }

    /// <summary>Messages received so far (good or bad).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    public async Task RunAsync(IStepWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var names = _options.ChannelNamesFor(writer.StepLength);
        if (names.Count != writer.StepLength)
        {
            throw new SensorSourceException(
                $"MQTT topic '{_options.Topic}' is configured with {names.Count} channels ({string.Join(", ", names)}) but stream '{StreamId}' takes {writer.StepLength}.");
        }

        _parser = new SensorPayloadParser(_options.Format, writer, names, _time);
        _writer = writer;
        writer.ReportHealth(StreamHealth.Offline, $"connecting to {_connection.Endpoint}");

        await using var connection = new MqttConnection(_connection, _logger, _time);
        connection.MessageReceived += OnMessageAsync;
        connection.OnConnected(async ct =>
        {
            await connection.SubscribeNowAsync([_options.Topic], ct).ConfigureAwait(false);
            ReportOnline();
            SensorLog.Subscribed(_logger, StreamId, _options.Topic, _connection.Endpoint.ToString());
        });

        try
        {
            await connection.StartAsync(requireConnection: false, cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_options.HealthInterval, _time, cancellationToken).ConfigureAwait(false);

                // MqttConnection reconnects on its own; this only tells the stream's status that samples stopped.
                if (!connection.IsConnected && Interlocked.Exchange(ref _online, 0) == 1)
                {
                    SensorLog.ConnectionLost(_logger, StreamId, _connection.Endpoint.ToString(), "disconnected");
                    writer.ReportHealth(StreamHealth.Offline, $"lost broker {_connection.Endpoint}; reconnecting");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of a topic stream.
        }
        finally
        {
            // The pipeline reports the stream offline ("stopped") when this returns.
            connection.MessageReceived -= OnMessageAsync;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Online once per connection, before the first sample is handed on: the broker may deliver retained or fresh
    /// messages before the SUBACK's continuation runs, and the stream's status must never trail its data.
    /// </summary>
    private void ReportOnline()
    {
        if (Interlocked.CompareExchange(ref _online, 1, 0) == 0)
        {
            _writer!.ReportHealth(StreamHealth.Online);
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var number = Interlocked.Increment(ref _messages);
        var message = args.ApplicationMessage;
        ReportOnline();
        lock (_gate)
        {
            if (message.Payload.Length > _options.MaxPayloadBytes)
            {
                // Refused whole: some samples of a cut message would be a silent wrong answer.
                _parser!.Reject($"message {number} on '{message.Topic}'", $"payload of {message.Payload.Length} bytes is over the limit of {_options.MaxPayloadBytes} (EdgeStream:Mqtt:MaxPayloadBytes); refused whole");
                return Task.CompletedTask;
            }

            try
            {
                _parser!.Parse(message.Payload, $"message {number} on '{message.Topic}'");
            }
            catch (Exception ex)
            {
                // A bug in parsing one message must not end the subscription: count it as a rejected message.
                SensorLog.MessageFailed(_logger, ex, StreamId, number, message.Topic);
                _parser!.Reject($"message {number} on '{message.Topic}'", $"could not be handled: {ex.Message}");
            }
        }

        return Task.CompletedTask;
    }
}
