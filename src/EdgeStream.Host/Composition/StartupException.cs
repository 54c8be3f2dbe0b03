namespace EdgeStream.Host.Composition;

/// <summary>The pipeline cannot be assembled (a stream's source, the broker, a sink). Start-up stops with this message.</summary>
public sealed class StartupException : Exception
{
    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StartupException()
    {
    }
}
