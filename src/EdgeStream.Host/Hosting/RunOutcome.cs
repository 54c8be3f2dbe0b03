namespace EdgeStream.Host.Hosting;

/// <summary>How <c>run</c> ended: set when the pipeline itself failed, so the process exits 1 (and systemd restarts it).</summary>
internal sealed class RunOutcome
{
    public bool Failed { get; set; }
}
