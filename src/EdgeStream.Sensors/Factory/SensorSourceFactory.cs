using System.Globalization;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Mqtt.Connection;
using EdgeStream.Mqtt.Options;
using EdgeStream.Sensors.Csv;
using EdgeStream.Sensors.Mqtt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Sensors.Factory;

/// <summary>
/// Makes sensor sources from stream URIs: <c>csv:PATH</c> or <c>PATH.csv</c> (CSV replay; relative paths resolve
/// against <c>baseDirectory</c>) and <c>mqtt:TOPIC</c> (a topic on the configured broker). Configuration mistakes
/// (missing file, bad header, unknown channel, unknown URI setting) throw here, at start-up, naming the stream.
/// </summary>
public sealed class SensorSourceFactory
{
    private readonly string _baseDirectory;
    private readonly Func<string, MqttConnectionSettings>? _mqtt;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;

    /// <param name="baseDirectory">Folder relative CSV paths resolve against (the config file's folder).</param>
    /// <param name="mqttConnection">Connection settings for a stream's own MQTT client, by stream id (see <see cref="MqttFrom(Core.Configuration.MqttOptions, string, int?)"/>); null: no mqtt: streams.</param>
    public SensorSourceFactory(
        string baseDirectory,
        Func<string, MqttConnectionSettings>? mqttConnection = null,
        TimeProvider? time = null,
        ILoggerFactory? loggers = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        _baseDirectory = baseDirectory;
        _mqtt = mqttConnection;
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
    }

    /// <summary>Connection settings from the MQTT options: the configured broker (or the embedded one on <paramref name="embeddedPort"/>), one client id per stream.</summary>
    public static Func<string, MqttConnectionSettings> MqttFrom(MqttOptions options, string device, int? embeddedPort = null) =>
        MqttFrom(options, device, () => embeddedPort);

    /// <summary>
    /// As above, with the embedded broker's port read when each source is created: with <c>EmbeddedPort</c> 0 the
    /// port is known only once the broker runs, so start it before creating the sources.
    /// </summary>
    public static Func<string, MqttConnectionSettings> MqttFrom(MqttOptions options, string device, Func<int?> embeddedPort)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(embeddedPort);
        var prefix = string.IsNullOrWhiteSpace(options.ClientId) ? $"edgestream-{device}" : options.ClientId;
        return streamId => MqttConnectionSettings.From(options, BrokerEndpoint.From(options, embeddedPort()), $"{prefix}-sensor-{streamId}");
    }

    public static bool CanCreate(string? uri) => SensorUri.IsSensorUri(uri);

    /// <summary>A source for a configured stream; <paramref name="channels"/> are the model's channel names, if it names them.</summary>
    public IStreamSource Create(StreamOptions stream, IReadOnlyList<string>? channels = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var pacing = Pacings.TryParse(stream.Pacing, out var parsed) ? parsed
            : throw new ArgumentException($"Stream '{stream.Id}': Pacing '{stream.Pacing}' must be {Pacings.Allowed}.", nameof(stream));
        return Create(new SensorStreamRequest(stream.Id, stream.Uri) { Loop = stream.Loop, RealTime = pacing == Pacing.Realtime, Channels = channels });
    }

    public IStreamSource Create(SensorStreamRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = SensorUri.Parse(request.Uri);
        var channels = uri.Settings.TryGetValue("channels", out var list)
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : request.Channels;
        return uri.Kind == SensorUriKind.Csv ? CreateCsv(request, uri, channels) : CreateMqtt(request, uri, channels);
    }

    private CsvReplaySource CreateCsv(SensorStreamRequest request, SensorUri uri, IReadOnlyList<string>? channels)
    {
        var path = Path.GetFullPath(uri.Target, _baseDirectory);
        if (!File.Exists(path))
        {
            throw new SensorSourceException($"Stream '{request.StreamId}': sensor file {path} not found.");
        }

        var options = new CsvReplayOptions
        {
            Path = path,
            Channels = channels,
            TimestampColumn = uri.Settings.GetValueOrDefault("timestamp"),
            Loop = uri.Settings.TryGetValue("loop", out var loop) ? ParseBool(request, "loop", loop) : request.Loop,
            RealTime = uri.Settings.TryGetValue("pacing", out var pacing) ? ParseRealTime(request, pacing) : request.RealTime,
            Speed = uri.Settings.TryGetValue("speed", out var speed) ? ParseSpeed(request, speed) : request.Speed,
        };

        // Read the header now so a wrong channel name stops start-up instead of the stream.
        try
        {
            CsvReplaySource.ReadLayout(path, options.Channels, options.TimestampColumn);
        }
        catch (SensorSourceException ex)
        {
            throw new SensorSourceException($"Stream '{request.StreamId}': {ex.Message}", ex);
        }

        return new CsvReplaySource(request.StreamId, options, _time, _loggers.CreateLogger<CsvReplaySource>());
    }

    private MqttSensorSource CreateMqtt(SensorStreamRequest request, SensorUri uri, IReadOnlyList<string>? channels)
    {
        if (_mqtt is null)
        {
            throw new SensorSourceException($"Stream '{request.StreamId}': mqtt: sensor streams need MQTT (EdgeStream:Mqtt:Enabled).");
        }

        var format = SensorPayloadFormat.Auto;
        if (uri.Settings.TryGetValue("format", out var f) && !Enum.TryParse(f, ignoreCase: true, out format))
        {
            throw new ArgumentException($"Stream '{request.StreamId}': format '{f}' must be auto, json or csv.", nameof(request));
        }

        var options = new MqttSensorOptions { Topic = uri.Target, Format = format, Channels = channels };
        return new MqttSensorSource(request.StreamId, options, _mqtt(request.StreamId), _time, _loggers.CreateLogger<MqttSensorSource>());
    }

    /// <summary>A flag: <c>?loop</c> alone means true.</summary>
    private static bool ParseBool(SensorStreamRequest request, string key, string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        return bool.TryParse(value, out var flag) ? flag
            : throw new ArgumentException($"Stream '{request.StreamId}': {key} '{value}' must be true or false.", nameof(request));
    }

    /// <summary>A URI's <c>?pacing=</c>: true for realtime.</summary>
    private static bool ParseRealTime(SensorStreamRequest request, string value) =>
        Pacings.TryParse(value, out var pacing) ? pacing == Pacing.Realtime
            : throw new ArgumentException($"Stream '{request.StreamId}': pacing '{value}' must be {Pacings.Allowed}.", nameof(request));

    private static double ParseSpeed(SensorStreamRequest request, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s) && s > 0 ? s
            : throw new ArgumentException($"Stream '{request.StreamId}': speed '{value}' must be a positive number.", nameof(request));
}
