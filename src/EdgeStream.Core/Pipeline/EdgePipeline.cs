using System.Threading.Channels;
using EdgeStream.Core.Events;
using EdgeStream.Core.Inference;
using EdgeStream.Core.Sources;
using EdgeStream.Core.Windows;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// The running pipeline (docs/architecture.md, "Data path"): per-stream sources -> window stage (resample,
/// encode, normalise, window rings) -> per-engine inference and decision stages -> publish stage -> sinks.
/// <see cref="RunAsync"/> returns when every source ended and everything queued was judged and published,
/// or, after cancellation, when the drain finished (at most <c>DrainTimeoutSeconds</c>). The host owns
/// sources, engines and sinks and disposes of them afterwards. This class only wires and drains.
/// </summary>
public sealed partial class EdgePipeline
{
    private readonly string _device;
    private readonly IReadOnlyList<IEventSink> _sinks;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PipelineStream[] _streams;
    private readonly List<EngineGroup> _groups = [];
    private readonly Channel<PublishItem> _events;
    private readonly StepSignal _signal = new();
    private readonly WindowStage _windowStage;
    private readonly StatusReporter _status;
    private readonly PublishStage _publish;
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
        _streams = new PipelineStream[streams.Count];
        for (var i = 0; i < streams.Count; i++)
        {
            _streams[i] = CreateStream(i, streams[i]);
        }

        _windowStage = new WindowStage([.. _streams.Select(s => s.Window)], [.. _groups.Select(g => g.Outlet)], _signal, options.StepQueue, _logger, MarkProgress);
        _status = new StatusReporter(device, _streams, _events.Writer, time, TimeSpan.FromSeconds(options.StatusIntervalSeconds));
        _publish = new PublishStage(_events.Reader, sinks, _logger);
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
                if (stream.Window.LastStepTimestamp is { } t && (latest is null || t > latest))
                {
                    latest = t;
                }
            }

            return latest;
        }
    }

    /// <summary>The streams across the stages (tests look at pools and rings).</summary>
    internal IReadOnlyList<PipelineStream> Streams => _streams;

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
            result[i] = _streams[i].Snapshot(_status.Fps(i));
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

        var windows = Task.Run(() => _windowStage.RunAsync(abort.Token), CancellationToken.None);
        var status = Task.Run(() => _status.RunAsync(stopStatus.Token), CancellationToken.None);
        var sources = new Task[_streams.Length];
        for (var i = 0; i < _streams.Length; i++)
        {
            var stream = _streams[i];
            stream.Source.Stopping = cancellationToken;
            sources[i] = SourceRunner.RunAsync(stream.Binding.Source, stream.Source, _logger, cancellationToken);
        }

        try
        {
            // WaitAsync: a source that ignores cancellation must not hold the drain past its deadline.
            await Task.WhenAll(sources).WaitAsync(abort.Token).ConfigureAwait(false);
            _signal.Complete();
            await windows.ConfigureAwait(false);
            foreach (var group in _groups)
            {
                group.Outlet.Writer.TryComplete();
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

        LogTotals();
    }

    private void LogTotals()
    {
        long stepTotal = 0, windowTotal = 0, eventTotal = 0;
        foreach (var s in Snapshot())
        {
            stepTotal += s.Steps;
            windowTotal += s.Judged;
            eventTotal += s.Events;
        }

        PipelineLog.Drained(_logger, stepTotal, windowTotal, eventTotal);
    }

    /// <summary>The drain ran out of time: complete every channel so each stage's wait returns and the stage ends.</summary>
    private void Abandon()
    {
        _signal.Complete();
        foreach (var group in _groups)
        {
            group.Outlet.Writer.TryComplete();
        }

        _events.Writer.TryComplete();
    }

    private void MarkProgress() => Interlocked.Exchange(ref _lastProgress, _time.GetTimestamp());
}
