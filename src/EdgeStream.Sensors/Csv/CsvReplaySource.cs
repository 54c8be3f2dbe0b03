using EdgeStream.Core.Sources;
using EdgeStream.Sensors.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Sensors.Csv;

/// <summary>
/// Replays a sensor CSV (header row, then one sample per line) into a stream: paced by the sample
/// timestamps or as fast as possible, optionally looped. Every line is validated; a bad one is
/// rejected with its line number and the replay goes on. The stream is online once the file is open.
/// </summary>
public sealed class CsvReplaySource : IStreamSource
{
    private readonly CsvReplayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<TimeSpan, CancellationToken, Task>? _delay;
    private readonly CsvLayout? _layout;

    /// <param name="delay">How real-time pacing waits; default <c>Task.Delay</c> on <paramref name="time"/>. For tests and simulated time.</param>
    public CsvReplaySource(
        string streamId,
        CsvReplayOptions options,
        TimeProvider? time = null,
        ILogger<CsvReplaySource>? logger = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
        : this(streamId, options, null, time, logger, delay)
    {
    }

    /// <param name="layout">
    /// The file's header as <see cref="ReadLayout"/> read it with these options' channels and timestamp column (the
    /// factory reads it at start-up to check the configuration, and hands it on so it is not parsed again); null: read
    /// when the replay starts.
    /// </param>
    /// <param name="delay">How real-time pacing waits; default <c>Task.Delay</c> on <paramref name="time"/>. For tests and simulated time.</param>
    public CsvReplaySource(
        string streamId,
        CsvReplayOptions options,
        CsvLayout? layout,
        TimeProvider? time = null,
        ILogger<CsvReplaySource>? logger = null,
        Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        StreamId = streamId;
        _options = options;
        _layout = layout;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger<CsvReplaySource>.Instance;
        _delay = delay;
    }

    public string StreamId { get; }

    /// <summary>Reads the header of <paramref name="path"/> (to check a configuration at start-up without replaying).</summary>
    public static CsvLayout ReadLayout(string path, IReadOnlyList<string>? channels = null, string? timestampColumn = null)
    {
        using var reader = OpenFile(path);
        return CsvLayout.FromHeader(ReadHeader(reader, path).Header, channels, timestampColumn);
    }

    public async Task RunAsync(IStepWriter writer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var layout = _layout ?? ReadLayout(_options.Path, _options.Channels, _options.TimestampColumn);
        if (layout.ChannelNames.Count != writer.StepLength)
        {
            throw new SensorSourceException(
                $"{_options.Path} replays {layout.ChannelNames.Count} channels ({string.Join(", ", layout.ChannelNames)}) " +
                $"but stream '{StreamId}' takes {writer.StepLength}; name the channels to replay.");
        }

        var emitter = new SampleEmitter(writer, new SampleValidator(layout.ChannelNames), _time);
        var pacer = new ReplayPacer(_time, _options.RealTime ? _options.Speed : double.PositiveInfinity, _delay);
        Log.CsvReplayStarted(_logger, StreamId, _options.Path, layout.ChannelNames.Count, string.Join(", ", layout.ChannelNames),
            layout.Delimiter, _options.RealTime ? $"real time x{_options.Speed}" : "fast");

        var offset = TimeSpan.Zero;
        for (var pass = 1; ; pass++)
        {
            var span = await ReplayOnceAsync(layout, emitter, pacer, offset, pass == 1 ? writer : null, cancellationToken).ConfigureAwait(false);
            if (!_options.Loop)
            {
                break;
            }

            if (span is not { } s)
            {
                Log.CsvReplayNothingValid(_logger, StreamId, _options.Path);
                break;
            }

            // The next pass starts one sample interval after this pass ended, so time keeps rising.
            offset += s.Last - s.First + s.Interval;
            Log.CsvReplayLooped(_logger, StreamId, _options.Path, pass + 1, offset);
        }

        // The pipeline reports the stream offline ("ended") when this returns.
        Log.CsvReplayFinished(_logger, StreamId, _options.Path, emitter.Written, emitter.Rejected);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// One pass over the file: the header is skipped (it was parsed once, into <paramref name="layout"/>). Reports the
    /// stream online to <paramref name="opened"/> once the file is open. Returns the file's own time span (before the
    /// offset), or null when no line was valid.
    /// </summary>
    private async Task<PassSpan?> ReplayOnceAsync(
        CsvLayout layout, SampleEmitter emitter, ReplayPacer pacer, TimeSpan offset, IStepWriter? opened, CancellationToken cancellationToken)
    {
        using var reader = OpenFile(_options.Path);
        var lineNumber = ReadHeader(reader, _options.Path).Lines;

        // The input is open, as a video source's is at its first frame; SourceRunner adds "ended" when this returns.
        opened?.ReportHealth(StreamHealth.Online);
        var span = new PassSpan.Builder();
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var buffer = emitter.Rent();
            var reason = layout.Parse(line, emitter.Validator, buffer, out var timestamp, offset);
            if (reason is not null)
            {
                emitter.Reject(buffer, $"line {lineNumber}", reason);
                continue;
            }

            span.Add(timestamp - offset);
            await pacer.WaitAsync(timestamp, cancellationToken).ConfigureAwait(false);
            emitter.Write(timestamp, buffer);
        }

        return span.Build();
    }

    private static StreamReader OpenFile(string path)
    {
        try
        {
            return new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, useAsync: true));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SensorSourceException($"Cannot open sensor file {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads up to and including the header row (blank lines before it are skipped); returns it and the lines read.</summary>
    private static (string Header, int Lines) ReadHeader(StreamReader reader, string path)
    {
        var lines = 0;
        while (reader.ReadLine() is { } line)
        {
            lines++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                return (line, lines);
            }
        }

        throw new SensorSourceException($"Sensor file {path} is empty: it needs a header row and samples.");
    }
}
