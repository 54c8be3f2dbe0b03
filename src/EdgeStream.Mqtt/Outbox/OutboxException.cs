namespace EdgeStream.Mqtt.Outbox;

/// <summary>The outbox file cannot be used (another process holds it, the folder is not writable, the disk is full).</summary>
public sealed class OutboxException : Exception
{
    public OutboxException()
    {
    }

    public OutboxException(string message)
        : base(message)
    {
    }

    public OutboxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
