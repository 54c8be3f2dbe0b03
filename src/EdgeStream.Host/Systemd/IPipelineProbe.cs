namespace EdgeStream.Host.Systemd;

/// <summary>What the notifier reads from the running pipeline.</summary>
internal interface IPipelineProbe
{
    /// <summary>The totals now, or null while there is no pipeline (not assembled yet, or not this command).</summary>
    ProgressSample? Read();

    /// <summary>One line for <c>STATUS=</c> at READY: streams and the models with the provider each runs on.</summary>
    string Describe();
}
