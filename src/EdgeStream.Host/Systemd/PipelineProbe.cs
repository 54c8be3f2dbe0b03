using EdgeStream.Core.Sources;

namespace EdgeStream.Host.Systemd;

/// <summary>Reads the pipeline's counters (<c>EdgePipeline.Snapshot</c>) and stage progress for the watchdog.</summary>
internal sealed class PipelineProbe(PipelineReadiness readiness) : IPipelineProbe
{
    public ProgressSample? Read()
    {
        if (readiness.Assembly is not { } assembly)
        {
            return null;
        }

        var pipeline = assembly.Pipeline;
        long steps = 0, windows = 0, dropped = 0, judged = 0, errors = 0;
        int streams = 0, online = 0;
        foreach (var s in pipeline.Snapshot())
        {
            streams++;
            online += s.Health == StreamHealth.Offline ? 0 : 1;
            steps += s.Steps + s.Rejected;
            windows += s.Windows;
            dropped += s.WindowsDropped;
            judged += s.Judged;
            errors += s.Errors;
        }

        return new ProgressSample(steps, windows, dropped, judged, errors, pipeline.EventsPublished, streams, online, pipeline.SinceLastProgress);
    }

    public string Describe()
    {
        if (readiness.Assembly is not { } assembly)
        {
            return "ready";
        }

        var online = assembly.Online;
        var models = string.Join(", ", online.Models.Select(m => $"{m.Name} {m.Version} {m.Precision} on {m.Provider}"));
        return $"ready: {online.Streams.Count} stream(s), models warm: {models}";
    }
}
