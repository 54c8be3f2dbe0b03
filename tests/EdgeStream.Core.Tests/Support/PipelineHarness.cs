using EdgeStream.Core.Events;
using EdgeStream.Core.Models;
using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Core.Tests.Support;

internal static class PipelineHarness
{
    /// <summary>Generous: machines are noisy; a pipeline that hangs fails instead of blocking the run.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    public static StreamBinding Bind(string id, IStreamSource source, IInferenceEngine engine, Action<StreamOptions>? configure = null)
    {
        var options = new StreamOptions { Id = id, Uri = "memory:" + id, Model = engine.Manifest.Name };
        configure?.Invoke(options);
        return new StreamBinding(options, source, engine) { IgnoredLabels = ["idle"] };
    }

    public static EdgePipeline Create(IReadOnlyList<StreamBinding> streams, IReadOnlyList<IEventSink> sinks, PipelineOptions? options = null, TimeProvider? time = null) =>
        new("dev1", streams, sinks, options ?? new PipelineOptions { Lossless = true }, NullLoggerFactory.Instance, time ?? TimeProvider.System);

    public static async Task RunToEndAsync(this EdgePipeline pipeline, CancellationToken cancellationToken = default) =>
        await pipeline.RunAsync(cancellationToken).WaitAsync(TestTimeout, CancellationToken.None);

    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TestTimeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(10);
        }
    }

    public static IEnumerable<int> Repeat(int label, int count) => Enumerable.Repeat(label, count);

    public static List<(EventPhase Phase, string Label)> Phases(this IEnumerable<DetectionEvent> events) => [.. events.Select(e => (e.Phase, e.Label))];
}
