using EdgeStream.Core.Decisions;
using EdgeStream.Core.Events;
using EdgeStream.Core.Models;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Host.Configuration;
using EdgeStream.Video.Capture;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Composition;

/// <summary>
/// The pipeline wired from validated options: engines (one per model), sources (one per stream), sinks, and the
/// <see cref="EdgePipeline"/> over them. Owns all of them; dispose after <see cref="EdgePipeline.RunAsync"/> returned.
/// Start-up failures surface as <see cref="ModelLoadException"/> or <see cref="StartupException"/>, each naming the key.
/// </summary>
internal sealed class PipelineAssembly : IAsyncDisposable
{
    private readonly List<IDisposable> _engines;
    private readonly List<IStreamSource> _sources;

    private PipelineAssembly(EdgePipeline pipeline, List<IDisposable> engines, List<IStreamSource> sources, List<IEventSink> sinks, DeviceStatus online)
    {
        Pipeline = pipeline;
        _engines = engines;
        _sources = sources;
        Sinks = sinks;
        Online = online;
    }

    public EdgePipeline Pipeline { get; }

    public IReadOnlyList<IEventSink> Sinks { get; }

    /// <summary>What runs here: streams, models with the provider actually used.</summary>
    public DeviceStatus Online { get; }

    public static async Task<PipelineAssembly> BuildAsync(AssemblyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = request.Options;
        var engines = new List<IDisposable>();
        var sources = new List<IStreamSource>();
        List<IEventSink> sinks = [];
        try
        {
            var byModel = EngineCatalog.Load(options, request.Loggers, engines);
            var online = OnlineStatus(options, byModel);

            // Sinks first: the embedded broker they start decides the port mqtt: sensor streams dial.
            (sinks, var embeddedPort) = await SinkCatalog.CreateAsync(options, online, request.Loggers, request.Time, cancellationToken);
            var catalog = new SourceCatalog(options, request.Video, request.BaseDirectory, request.Time, request.Loggers, embeddedPort) { Epoch = request.Epoch };
            var bindings = new List<StreamBinding>(options.Streams.Count);
            for (var i = 0; i < options.Streams.Count; i++)
            {
                var stream = options.Streams[i];
                var engine = byModel[stream.Model];
                var source = catalog.Create(i, stream, engine);
                sources.Add(source);
                bindings.Add(new StreamBinding(stream, source, engine) { IgnoredLabels = options.Models[stream.Model].IgnoredLabels, ScoreRecorder = request.ScoreRecorders?.Invoke(stream.Id) });
            }

            // The caller's extra sinks join only now: until the assembly exists they stay the caller's to dispose.
            List<IEventSink> all = [.. sinks, .. request.ExtraSinks];
            var pipeline = new EdgePipeline(options.Device, bindings, all, options.Pipeline, request.Loggers, request.Time);
            return new PipelineAssembly(pipeline, engines, sources, all, online);
        }
        catch
        {
            // The sinks made here (the MQTT link and its broker among them) are closed too, not left running.
            foreach (var sink in sinks)
            {
                await sink.DisposeAsync();
            }

            await DisposeAllAsync(sources, engines);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var sink in Sinks)
        {
            await sink.DisposeAsync();
        }

        await DisposeAllAsync(_sources, _engines);
    }

    private static DeviceStatus OnlineStatus(EdgeStreamOptions options, Dictionary<string, IInferenceEngine> engines) => new()
    {
        Device = options.Device,
        State = DeviceState.Online,
        Version = typeof(PipelineAssembly).Assembly.GetName().Version?.ToString(3),
        Streams = [.. options.Streams.Select(s => s.Id)],
        Models = [.. engines.Values.Select(e => new DeviceModel(e.Info.Name, e.Info.Version, e.Info.Precision, e.Info.Provider))],
        Provider = string.Join("+", engines.Values.Select(e => e.Info.Provider).Distinct()),
    };

    private static async Task DisposeAllAsync(List<IStreamSource> sources, List<IDisposable> engines)
    {
        foreach (var source in sources)
        {
            await source.DisposeAsync();
        }

        foreach (var engine in engines)
        {
            engine.Dispose();
        }
    }
}

/// <summary>What to assemble: the options and where relative paths, logs, time and extra sinks come from.</summary>
internal sealed record AssemblyRequest(EdgeStreamOptions Options, VideoSourceOptions Video, string BaseDirectory, ILoggerFactory Loggers, TimeProvider Time)
{
    /// <summary>Sinks besides the configured ones (replay's recorder).</summary>
    public IReadOnlyList<IEventSink> ExtraSinks { get; init; } = [];

    /// <summary>The per-window score recorder of a stream, by stream id (evaluate); null: none.</summary>
    public Func<string, IAnomalyScoreRecorder?>? ScoreRecorders { get; init; }

    /// <summary>Fixed start of stream time for video files (replay); null: the clock at start.</summary>
    public DateTimeOffset? Epoch { get; init; }
}
