namespace EdgeStream.Host.Cli;

/// <summary>Process exit codes, stable for scripts and systemd.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and found a failure (golden parity mismatch, replay with a source that gave up).</summary>
    public const int Failed = 1;

    /// <summary>Start-up refused: bad configuration, missing or bad model, bad arguments.</summary>
    public const int StartupError = 2;

    /// <summary>Interrupted before it finished (replay, bench).</summary>
    public const int Interrupted = 130;
}
