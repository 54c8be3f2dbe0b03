using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Host.Configuration;
using EdgeStream.Mqtt.Sensors;
using EdgeStream.Sensors;
using EdgeStream.Sensors.Factory;
using EdgeStream.Video;
using EdgeStream.Video.Capture;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Composition;

/// <summary>
/// Makes each stream's source from its URI: sensor URIs (csv:, *.csv, mqtt:) through the sensor factory, the rest
/// through the video factory. A video stream needs an action model and a sensor stream an anomaly model.
/// With a fixed <see cref="Epoch"/> (replay) video files start their stream time there, so replays are identical.
/// <c>mqtt:</c> streams dial the embedded broker on <paramref name="embeddedPort"/> (the port it really listens on,
/// which differs from the configured one when that is 0), so the sinks, which start the broker, are made first.
/// </summary>
internal sealed class SourceCatalog(EdgeStreamOptions options, VideoSourceOptions video, string baseDirectory, TimeProvider time, ILoggerFactory loggers, int? embeddedPort)
{
    private readonly SensorSourceFactory _sensors = new(
        baseDirectory,
        options.Mqtt.Enabled ? MqttSensorSources.From(MqttSensorSources.ConnectionFrom(options.Mqtt, options.Device, embeddedPort), options.Mqtt.MaxPayloadBytes, time, loggers) : null,
        time,
        loggers);

    private VideoSourceFactory? _video;

    public DateTimeOffset? Epoch { get; init; }

    public IStreamSource Create(int index, StreamOptions stream, IInferenceEngine engine)
    {
        var key = $"EdgeStream:Streams:{index}";
        var manifest = engine.Manifest;
        var sensor = SensorSourceFactory.CanCreate(stream.Uri);
        var wanted = sensor ? ModelTask.Anomaly : ModelTask.Action;
        if (manifest.Task != wanted)
        {
            throw new StartupException($"{key}:Model: '{stream.Model}' is an {manifest.Task.ToString().ToLowerInvariant()} model but '{stream.Uri}' is {(sensor ? "sensor" : "video")} input, which needs an {wanted.ToString().ToLowerInvariant()} model");
        }

        try
        {
            return sensor ? _sensors.Create(stream, manifest.Input.ChannelNames) : CreateVideo(stream, manifest);
        }
        catch (Exception e) when (e is ArgumentException or SensorSourceException or VideoSourceException)
        {
            throw new StartupException($"{key}:Uri: {e.Message}", e);
        }
    }

    private IStreamSource CreateVideo(StreamOptions stream, ModelManifest manifest)
    {
        // The video factory is the one place stream options become a video source's settings; replay's fixed epoch
        // reaches file sources through it (FileEpoch), so run and replay build a file source the same way.
        _video ??= new VideoSourceFactory(video, loggers, time) { FileEpoch = Epoch };
        return _video.Create(stream, manifest.Input, baseDirectory);
    }
}
