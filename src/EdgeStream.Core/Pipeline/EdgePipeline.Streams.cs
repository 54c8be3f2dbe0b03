using EdgeStream.Core.Decisions;
using EdgeStream.Core.Inference;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Sources;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Pipeline;

/// <summary>Wiring one stream: its state in each stage, and the engine group it joins (one per engine instance).</summary>
public sealed partial class EdgePipeline
{
    private PipelineStream CreateStream(int index, StreamBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var engine = binding.Engine;
        var shape = StreamFactory.ShapeOf(binding);
        var group = _groups.Find(g => ReferenceEquals(g.Engine, engine));
        if (group is null)
        {
            var gate = new Lock();
            var encoder = engine.EncodesFrames ? new FrameEncoder(engine, gate, _logger) : null;
            group = new EngineGroup(engine, gate, new WindowOutlet(shape.BufferLength, _options.WindowQueue, _options.Lossless, encoder));
            _groups.Add(group);
        }

        var context = new EventContext(_device, binding.Options.Id, binding.Options.Uri, engine.Info, _time);
        var decider = StreamFactory.DeciderOf(binding, context);

        // The status reporter is built after the streams; a source reports health only once the pipeline runs.
        // Sensor samples are data, not frames: a burst (one MQTT message of many samples, a fast CSV) makes its writer
        // wait for room instead of thinning it; a camera's stale frames are dropped for freshness (docs/pipeline.md).
        var waitsForRoom = _options.Lossless || engine.Manifest.Task == ModelTask.Anomaly;
        var source = new StepWriter(index, binding.Options.Id, engine.FrameLength, _options.StepQueue, waitsForRoom, _signal, i => _status.HealthChanged(i), _logger);
        var window = new WindowStream(source, group.Outlet, shape, StreamFactory.ResamplerOf(binding, shape), StreamFactory.NormaliserOf(binding), Math.Max(engine.FrameLength, engine.StepLength))
        {
            ScoresWarmup = StreamFactory.ScoresWarmupOf(binding),
        };
        var inference = new InferenceStream(window, decider);
        group.Streams.Add(inference);
        return new PipelineStream(binding, source, window, inference, context);
    }
}
