using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Video.Cameras;
using EdgeStream.Video.Capture;
using EdgeStream.Video.Files;
using EdgeStream.Video.Pipes;
using EdgeStream.Video.Preprocessing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Video;

/// <summary>
/// Picks the video source for a stream URI (see <c>StreamOptions.Uri</c>): a file path (or <c>file://</c>) ->
/// <see cref="VideoFileSource"/>; <c>/dev/videoN</c>, <c>v4l2:N</c> -> <see cref="CameraSource"/>;
/// <c>rtsp://</c>, <c>http(s)://</c>, <c>udp://</c> (also rtsps, rtmp, srt, tcp) -> <see cref="PipeSource"/> over ffmpeg;
/// <c>pipe:COMMAND</c> -> <see cref="PipeSource"/> over <c>/bin/sh -c COMMAND</c>, which must write bgr24 frames of
/// the model's input size (or the size passed to <see cref="Create(StreamOptions, PreprocessSpec, string?, int?, int?)"/>).
/// Creating the first factory sets OpenCV's thread count once for the process.
/// </summary>
public sealed class VideoSourceFactory
{
    private readonly VideoSourceOptions _options;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;

    public VideoSourceFactory(VideoSourceOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        VideoSourceOptionsRules.Check(VideoSourceOptions.SectionName, options, problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        _options = options;
        _loggers = loggerFactory ?? NullLoggerFactory.Instance;
        _time = timeProvider ?? TimeProvider.System;
        var threads = options.OpenCvThreads ?? OpenCvRuntime.DefaultThreads(Environment.ProcessorCount);
        if (OpenCvRuntime.ConfigureOnce(threads))
        {
            Log.OpenCvThreads(_loggers.CreateLogger<VideoSourceFactory>(), threads);
        }
    }

    /// <summary>
    /// Stream time zero of every video file this factory creates (replay: identical timestamps on every run).
    /// Default null: the clock's time when each file source starts.
    /// </summary>
    public DateTimeOffset? FileEpoch { get; init; }

    /// <summary>True when the URI names a video input (not a sensor <c>csv:</c>/<c>mqtt:</c> one).</summary>
    public static bool IsVideoUri(string? uri) => VideoUri.TryParse(uri, out _);

    public IStreamSource Create(StreamOptions stream, InputSpec input, string? baseDirectory = null)
        => Create(stream, PreprocessSpec.FromInput(input), baseDirectory);

    /// <summary>
    /// Creates the source for <paramref name="stream"/>. Relative file paths resolve against <paramref name="baseDirectory"/>
    /// (the config file's folder). Throws <see cref="ArgumentException"/> naming the stream for a bad URI or pacing.
    /// </summary>
    public IStreamSource Create(StreamOptions stream, PreprocessSpec spec, string? baseDirectory = null, int? pipeWidth = null, int? pipeHeight = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(spec);
        VideoUri? uri;
        try
        {
            if (!VideoUri.TryParse(stream.Uri, out uri) || uri is null)
            {
                throw new ArgumentException($"'{stream.Uri}' is not a video URI");
            }
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Stream '{stream.Id}': Uri: {ex.Message}", nameof(stream), ex);
        }

        if (!Pacings.TryParse(stream.Pacing, out var pacing))
        {
            var allowed = string.Join(" or ", Pacings.Names.Select(n => $"'{n}'"));
            throw new ArgumentException($"Stream '{stream.Id}': Pacing must be {allowed} (got '{stream.Pacing}').", nameof(stream));
        }

        var realtime = pacing == Pacing.Realtime;

        var preprocessor = new FramePreprocessor(spec);
        switch (uri.Kind)
        {
            case VideoUriKind.File:
                var path = baseDirectory is null ? Path.GetFullPath(uri.Target) : Path.GetFullPath(uri.Target, baseDirectory);
                return new VideoFileSource(stream.Id, path, preprocessor, new VideoFileSettings(stream.Loop, realtime, FileEpoch), _options, _time, _loggers.CreateLogger<VideoFileSource>());
            case VideoUriKind.Camera:
                var device = uri.CameraIndex is { } index ? CameraDevice.FromIndex(index) : CameraDevice.FromPath(uri.Target);
                return new CameraSource(stream.Id, device, preprocessor, _options, _time, _loggers.CreateLogger<CameraSource>());
            case VideoUriKind.Network:
                var command = PipeCommand.ForNetwork(_options.FfmpegPath, new Uri(uri.Target), spec.Width, spec.Height, TimeSpan.FromSeconds(_options.NetworkTimeoutSeconds), spec.Resize == PreprocessSpec.Letterbox);
                return new PipeSource(stream.Id, command, preprocessor, _options, _time, _loggers.CreateLogger<PipeSource>());
            default:
                var shell = PipeCommand.ForShell(uri.Target, pipeWidth ?? spec.Width, pipeHeight ?? spec.Height);
                return new PipeSource(stream.Id, shell, preprocessor, _options, _time, _loggers.CreateLogger<PipeSource>());
        }
    }
}
