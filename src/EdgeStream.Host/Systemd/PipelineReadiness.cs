using EdgeStream.Host.Composition;

namespace EdgeStream.Host.Systemd;

/// <summary>
/// Set by the pipeline service once the pipeline is assembled: engines created and warmed up (one inference each,
/// <see cref="EngineWarmup"/>), sources and sinks open. Until then the service is not ready and there is nothing to watch.
/// </summary>
internal sealed class PipelineReadiness
{
    private volatile PipelineAssembly? _assembly;

    /// <summary>The assembled pipeline, or null before it is ready.</summary>
    public PipelineAssembly? Assembly => _assembly;

    public void MarkReady(PipelineAssembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _assembly = assembly;
    }
}
