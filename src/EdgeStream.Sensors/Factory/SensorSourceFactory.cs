using System.Globalization;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Sensors.Csv;
using EdgeStream.Sensors.Payloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Sensors.Factory;

/// <summary>
/// Makes sensor sources from stream URIs: <c>csv:PATH</c> or <c>PATH.csv</c> (CSV replay; relative paths resolve
/// against <c>baseDirectory</c>) and <c>mqtt:TOPIC</c> (a topic on the configured broker, made by the topic sources the
/// host passes in: see <see cref="SensorTopicRequest"/>). Configuration mistakes
/// (missing file, bad header, unknown channel, unknown URI setting) throw here, at start-up, naming the stream.
/// </summary>
public sealed class SensorSourceFactory
{
    private readonly string _baseDirectory;
    private readonly Func<SensorTopicRequest, IStreamSource>? _topics;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;

    /// <param name="baseDirectory">Folder relative CSV paths resolve against (the config file's folder).</param>
    /// <param name="topicSources">Makes the source of an <c>mqtt:</c> stream (EdgeStream.Mqtt's <c>MqttSensorSources</c>); null: no mqtt: streams.</param>
    public SensorSourceFactory(
        string baseDirectory,
        Func<SensorTopicRequest, IStreamSource>? topicSources = null,
        TimeProvider? time = null,
        ILoggerFactory? loggers = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        _baseDirectory = baseDirectory;
        _topics = topicSources;
        _time = time ?? TimeProvider.System;
        _loggers = loggers ?? NullLoggerFactory.Instance;
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
        return uri.Kind == SensorUriKind.Csv ? CreateCsv(request, uri, channels) : CreateTopic(request, uri, channels);
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

        // Read the header now so a wrong channel name stops start-up instead of the stream; the source replays with it.
        CsvLayout layout;
        try
        {
            layout = CsvReplaySource.ReadLayout(path, options.Channels, options.TimestampColumn);
        }
        catch (SensorSourceException ex)
        {
            throw new SensorSourceException($"Stream '{request.StreamId}': {ex.Message}", ex);
        }

        return new CsvReplaySource(request.StreamId, options, layout, _time, _loggers.CreateLogger<CsvReplaySource>());
    }

    private IStreamSource CreateTopic(SensorStreamRequest request, SensorUri uri, IReadOnlyList<string>? channels)
    {
        if (_topics is null)
        {
            throw new SensorSourceException($"Stream '{request.StreamId}': mqtt: sensor streams need MQTT (EdgeStream:Mqtt:Enabled).");
        }

        var format = SensorPayloadFormat.Auto;
        if (uri.Settings.TryGetValue("format", out var f) && !Enum.TryParse(f, ignoreCase: true, out format))
        {
            throw new ArgumentException($"Stream '{request.StreamId}': format '{f}' must be auto, json or csv.", nameof(request));
        }

        return _topics(new SensorTopicRequest(request.StreamId, uri.Target, format, channels));
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
