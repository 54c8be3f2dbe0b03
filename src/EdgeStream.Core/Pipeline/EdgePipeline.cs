using System.Threading.Channels;
using EdgeStream.Core.Configuration;
using EdgeStream.Core.Decisions;
using EdgeStream.Core.Events;
using EdgeStream.Core.Sources;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// The running pipeline (DESIGN section 3): per-stream sources -> step stage (resample, encode,
/// normalise, window rings) -> per-engine inference and decision stages -> publish stage -> sinks.
/// <see cref="RunAsync"/> returns when every source ended and everything queued was judged and
/// published, or, after cancellation, when the drain finished (at most <c>DrainTimeoutSeconds</c>).
/// The host owns sources, engines and sinks and disposes of them afterwards.
/// </summary>
public sealed class EdgePipeline
{
    private readonly string _device;
    private readonly IReadOnlyList<StreamBinding> _bindings;
    private readonly IReadOnlyList<IEventSink> _sinks;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly StreamRuntime[] _streams;
    private readonly List<EngineGroup> _groups = [];
    private readonly Channel<PublishItem> _events;
    private readonly StepStage _stepStage;
    private readonly StatusReporter _status;
    private readonly PublishStage _publish;
    private readonly StepWriter[] _writers;
    private long _lastProgress;
    private int _started;

    public EdgePipeline(
        string device,
        IReadOnlyList<StreamBinding> streams,
        IReadOnlyList<IEventSink> sinks,
        PipelineOptions options,
        ILoggerFactory loggerFactory,
        TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(device);
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(time);
        PipelineOptionsValidator.Validate(options, streams);
        _device = device;
        _bindings = streams;
        _sinks = sinks;
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger<EdgePipeline>();
        _lastProgress = time.GetTimestamp();
        _events = Channel.CreateBounded<PublishItem>(new BoundedChannelOptions(options.EventQueue)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _streams = new StreamRuntime[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            _streams[i] = CreateStream(i, streams[i]);
        }

        _stepStage = new StepStage(_streams, [.. _groups], options.StepQueue, _logger, MarkProgress);
        foreach (var group in _groups)
        {
            if (group.Engine.EncodesFrames)
            {
                group.Encoder = new FrameEncoder(group, _stepStage, _logger);
            }
        }

        _status = new StatusReporter(device, _streams, _events.Writer, time, TimeSpan.FromSeconds(options.StatusIntervalSeconds), _logger);
        _publish = new PublishStage(_events.Reader, sinks, _logger);
        _writers = new StepWriter[_streams.Length];
        for (var i = 0; i < _streams.Length; i++)
        {
            _writers[i] = new StepWriter(_streams[i], _stepStage, _status, _logger);
        }
    }

    /// <summary>Wall time (from the injected clock) since a stage last made progress; for a watchdog.</summary>
    public TimeSpan SinceLastProgress => _time.GetElapsedTime(Interlocked.Read(ref _lastProgress));

    /// <summary>Stream time of the newest step any stream delivered, or null before the first.</summary>
    public DateTimeOffset? LastStepTimestamp
    {
        get
        {
            DateTimeOffset? latest = null;
            foreach (var stream in _streams)
            {
                if (stream.LastStepTimestamp is { } t && (latest is null || t > latest))
                {
                    latest = t;
                }
            }

            return latest;
        }
    }

    /// <summary>The streams' runtimes (tests look at pools and rings).</summary>
    internal IReadOnlyList<StreamRuntime> Runtimes => _streams;

    /// <summary>Events the publish stage handed to the sinks.</summary>
    public long EventsPublished => _publish.Published;

    /// <summary>Sink calls that threw (logged; the pipeline went on).</summary>
    public long SinkFailures => _publish.Failures;

    /// <summary>Counters and health of every stream now.</summary>
    public IReadOnlyList<StreamSnapshot> Snapshot()
    {
        var result = new StreamSnapshot[_streams.Length];
        for (var i = 0; i < _streams.Length; i++)
        {
            var s = _streams[i];
            var c = s.Counters;
            var (health, reason) = s.ReadHealth();
            result[i] = new StreamSnapshot(
                s.Id,
                health,
                reason,
                _status.Fps(s),
                StreamCounters.Read(ref c.Steps),
                StreamCounters.Read(ref c.StepsDropped),
                StreamCounters.Read(ref c.Rejected),
                StreamCounters.Read(ref c.Windows),
                StreamCounters.Read(ref c.WindowsDropped),
                StreamCounters.Read(ref c.Judged),
                s.EventsProduced,
                StreamCounters.Read(ref c.Errors),
                StreamCounters.Read(ref c.Resets),
                s.LastStepTimestamp);
        }

        return result;
    }

    /// <summary>
    /// Runs every source and stage. Returns when all sources ended and everything drained, or when
    /// <paramref name="cancellationToken"/> stopped the sources and the queued work drained. Runs once.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The pipeline runs once; create a new one to run again.");
        }

        PipelineLog.Starting(_logger, _device, _streams.Length, _groups.Count, _sinks.Count);
        using var abort = new CancellationTokenSource();
        var drain = TimeSpan.FromSeconds(_options.DrainTimeoutSeconds);
        await using var onStop = cancellationToken.Register(() => abort.CancelAfter(drain)).ConfigureAwait(false);
        using var stopStatus = new CancellationTokenSource();
        await using var onAbort = abort.Token.Register(Abandon).ConfigureAwait(false);

        var publish = Task.Run(() => _publish.RunAsync(abort.Token), CancellationToken.None);
        var inference = new Task[_groups.Count];
        for (var i = 0; i < _groups.Count; i++)
        {
            var stage = new InferenceStage(_groups[i], _events.Writer, _options.WindowQueue, TimeSpan.FromMilliseconds(_options.MaxBatchWaitMs), _time, _logger, MarkProgress);
            inference[i] = Task.Run(() => stage.RunAsync(abort.Token), CancellationToken.None);
        }

        var steps = Task.Run(() => _stepStage.RunAsync(abort.Token), CancellationToken.None);
        var status = Task.Run(() => _status.RunAsync(stopStatus.Token), CancellationToken.None);
        var sources = new Task[_streams.Length];
        for (var i = 0; i < _streams.Length; i++)
        {
            _writers[i].Stopping = cancellationToken;
            sources[i] = RunSourceAsync(_streams[i], _writers[i], cancellationToken);
        }

        try
        {
            // WaitAsync: a source that ignores cancellation must not hold the drain past its deadline.
            await Task.WhenAll(sources).WaitAsync(abort.Token).ConfigureAwait(false);
            _stepStage.Complete();
            await steps.ConfigureAwait(false);
            foreach (var group in _groups)
            {
                group.Windows.Writer.TryComplete();
            }

            await Task.WhenAll(inference).ConfigureAwait(false);
            await stopStatus.CancelAsync().ConfigureAwait(false);
            await status.ConfigureAwait(false);
            await _status.FinalAsync(abort.Token).ConfigureAwait(false);
            _events.Writer.TryComplete();
            await publish.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // After an abandoned drain, stages end with cancellation or closed-channel exceptions; that is the expected outcome.
        catch (Exception) when (abort.IsCancellationRequested)
#pragma warning restore CA1031
        {
            PipelineLog.DrainAbandoned(_logger, drain.TotalSeconds);
        }
        finally
        {
            _events.Writer.TryComplete();
            await stopStatus.CancelAsync().ConfigureAwait(false);
        }

        var totals = Snapshot();
        long stepTotal = 0, windowTotal = 0, eventTotal = 0;
        foreach (var s in totals)
        {
            stepTotal += s.Steps;
            windowTotal += s.Judged;
            eventTotal += s.Events;
        }

        PipelineLog.Drained(_logger, stepTotal, windowTotal, eventTotal);
    }

    private async Task RunSourceAsync(StreamRuntime stream, StepWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            writer.ReportHealth(StreamHealth.Online);

            // On the thread pool, never the caller's context: a source may block (lossless writes, blocking reads).
            await Task.Run(() => stream.Binding.Source.RunAsync(writer, cancellationToken), CancellationToken.None).ConfigureAwait(false);
            PipelineLog.SourceEnded(_logger, stream.Id);
            writer.ReportHealth(StreamHealth.Offline, cancellationToken.IsCancellationRequested ? "stopped" : "ended");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.ReportHealth(StreamHealth.Offline, "stopped");
        }
#pragma warning disable CA1031 // A source that gives up takes only its own stream offline (DESIGN section 8).
        catch (Exception ex)
#pragma warning restore CA1031
        {
            PipelineLog.SourceFailed(_logger, stream.Id, ex);
            writer.ReportHealth(StreamHealth.Offline, $"source failed: {ex.Message}");
        }
        finally
        {
            writer.Complete();
        }
    }

    private StreamRuntime CreateStream(int index, StreamBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var shape = StreamFactory.ShapeOf(binding);
        var group = _groups.Find(g => ReferenceEquals(g.Engine, binding.Engine));
        if (group is null)
        {
            group = new EngineGroup(binding.Engine, shape.BufferLength, _options);
            _groups.Add(group);
        }

        var context = new EventContext(_device, binding.Options.Id, binding.Engine.Info, _time);
        var decider = StreamFactory.DeciderOf(binding, context);
        var stream = new StreamRuntime(index, binding, group, shape, context, decider, _options) { GroupIndex = group.Streams.Count };
        group.Streams.Add(stream);
        return stream;
    }

    /// <summary>The drain ran out of time: complete every channel so each stage's wait returns and the stage ends.</summary>
    private void Abandon()
    {
        _stepStage.Complete();
        foreach (var group in _groups)
        {
            group.Windows.Writer.TryComplete();
        }

        _events.Writer.TryComplete();
    }

    private void MarkProgress() => Interlocked.Exchange(ref _lastProgress, _time.GetTimestamp());
}
