using System.Threading.Channels;
using EdgeStream.Core.Buffers;
using EdgeStream.Core.Configuration;
using EdgeStream.Core.Decisions;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Preprocessing;
using EdgeStream.Core.Sources;
using EdgeStream.Core.Windows;

namespace EdgeStream.Core.Pipeline;

/// <summary>
/// Everything the pipeline keeps for one stream: its step channel (bounded, DropOldest), buffer pool,
/// resampler or normaliser, window ring, decider, counters and health. Each part is touched by one stage
/// only (the ring by the step stage, the decider by the inference stage); counters and health are shared.
/// </summary>
internal sealed class StreamRuntime
{
    private readonly Lock _healthLock = new();
    private long _lastStepTicks = long.MinValue;

    public StreamRuntime(int index, StreamBinding binding, EngineGroup group, WindowShape shape, EventContext context, IWindowDecider decider, PipelineOptions options)
    {
        Index = index;
        Binding = binding;
        Id = binding.Options.Id;
        Group = group;
        Context = context;
        Decider = decider;
        var engine = binding.Engine;
        var manifest = engine.Manifest;
        FramePool = new BufferPool(engine.FrameLength, Math.Max(16, (options.StepQueue * 2) + 4));
        Ring = new WindowRing(shape);
        Scratch = new float[Math.Max(engine.FrameLength, engine.StepLength)];
        if (manifest.Task == ModelTask.Action && manifest.Input.Fps is > 0 and var fps)
        {
            Resampler = new FrameResampler(fps, shape.MaxGap);
        }

        if (manifest.Task == ModelTask.Anomaly)
        {
            Normaliser = new SampleNormaliser(manifest.Input.Normalisation, engine.FrameLength);
        }

        Steps = Channel.CreateBounded<StepItem>(
            new BoundedChannelOptions(Math.Max(1, options.StepQueue))
            {
                FullMode = options.Lossless ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            },
            OnStepDropped);
    }

    public int Index { get; }

    /// <summary>Position among the streams of <see cref="Group"/>.</summary>
    public int GroupIndex { get; set; }

    public string Id { get; }

    public StreamBinding Binding { get; }

    public EngineGroup Group { get; }

    public StreamCounters Counters { get; } = new();

    public BufferPool FramePool { get; }

    public Channel<StepItem> Steps { get; }

    public WindowRing Ring { get; }

    public FrameResampler? Resampler { get; }

    public SampleNormaliser? Normaliser { get; }

    public float[] Scratch { get; }

    public EventContext Context { get; }

    public IWindowDecider Decider { get; }

    /// <summary>The frame the resampler holds (it may fill later ticks); owned by the step stage.</summary>
    public StepItem? Held { get; set; }

    /// <summary>Step drops already reported in a window's metadata.</summary>
    public long DroppedAtLastWindow { get; set; }

    /// <summary>Step stage: the end of the stream has been passed on.</summary>
    public bool EndSent { get; set; }

    /// <summary>Inference stage: the decider was finished.</summary>
    public bool Finished { get; set; }

    /// <summary>Set when the end marker was dropped from a full window channel.</summary>
    public volatile bool FinishRequested;

    public StreamHealth Health { get; private set; } = StreamHealth.Offline;

    public string? HealthReason { get; private set; } = "starting";

    /// <summary>Events the decider produced.</summary>
    public long EventsProduced => Context.Events;

    public DateTimeOffset? LastStepTimestamp
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastStepTicks);
            return ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void MarkStep(DateTimeOffset timestamp) => Interlocked.Exchange(ref _lastStepTicks, timestamp.UtcTicks);

    /// <summary>Sets the health; true when it changed (health or reason).</summary>
    public bool SetHealth(StreamHealth health, string? reason)
    {
        lock (_healthLock)
        {
            if (Health == health && HealthReason == reason)
            {
                return false;
            }

            Health = health;
            HealthReason = reason;
            return true;
        }
    }

    public (StreamHealth Health, string? Reason) ReadHealth()
    {
        lock (_healthLock)
        {
            return (Health, HealthReason);
        }
    }

    private void OnStepDropped(StepItem item)
    {
        item.Release();
        Interlocked.Increment(ref Counters.StepsDropped);
    }
}
