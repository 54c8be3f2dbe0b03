namespace EdgeStream.Core.Models;

/// <summary>One inference call failed at run time (the runtime's error, translated at the adapter's edge). Not fatal: the stage logs and counts it.</summary>
public sealed class InferenceException : Exception
{
    public InferenceException(string message)
        : base(message)
    {
    }

    public InferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InferenceException()
    {
    }
}
