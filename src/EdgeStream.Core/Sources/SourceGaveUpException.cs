namespace EdgeStream.Core.Sources;

/// <summary>
/// A source's documented way to give up (<see cref="IStreamSource.RunAsync"/>): its message names the input and the
/// reason, and is all an operator needs, so the pipeline logs it without a stack trace. Any other exception from a
/// source is a bug and is logged with its stack trace.
/// </summary>
public class SourceGaveUpException : Exception
{
    public SourceGaveUpException()
    {
    }

    public SourceGaveUpException(string message)
        : base(message)
    {
    }

    public SourceGaveUpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
