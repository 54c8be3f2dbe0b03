using EdgeStream.Core.Decisions;
using EdgeStream.Core.Inference;
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
        var source = new StepWriter(index, binding.Options.Id, engine.FrameLength, _options.StepQueue, _options.Lossless, _signal, i => _status.HealthChanged(i), _logger);
        var window = new WindowStream(source, group.Outlet, shape, StreamFactory.ResamplerOf(binding, shape), StreamFactory.NormaliserOf(binding), Math.Max(engine.FrameLength, engine.StepLength))
        {
            ScoresWarmup = StreamFactory.ScoresWarmupOf(binding),
        };
        var inference = new InferenceStream(window, decider);
        group.Streams.Add(inference);
        return new PipelineStream(binding, source, window, inference, context);
    }
}
