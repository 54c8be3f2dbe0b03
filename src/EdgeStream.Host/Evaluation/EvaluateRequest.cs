using EdgeStream.Host.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Evaluation;

/// <summary>What <c>edgestream evaluate</c> was asked to do, common to every benchmark.</summary>
internal sealed record EvaluateRequest(string Corpus)
{
    public ConfigRequest Config { get; init; } = ConfigRequest.Default;

    public string? AnomalyModel { get; init; }

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;

    public LogLevel LogLevel { get; init; } = LogLevel.Warning;
}
