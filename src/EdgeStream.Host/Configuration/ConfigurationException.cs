namespace EdgeStream.Host.Configuration;

/// <summary>The configuration cannot be used. Each problem names the key and the reason; start-up stops.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : this([message])
    {
    }

    public ConfigurationException(IReadOnlyList<string> problems)
        : base(string.Join(Environment.NewLine, problems ?? []))
    {
        Problems = problems ?? [];
    }

    public ConfigurationException()
        : this("invalid configuration")
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; } = [];
}
