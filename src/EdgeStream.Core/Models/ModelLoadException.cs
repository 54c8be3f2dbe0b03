namespace EdgeStream.Core.Models;

/// <summary>A model could not be loaded: missing or corrupt file, bad manifest, shape mismatch. Fatal at start-up.</summary>
public class ModelLoadException : Exception
{
    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ModelLoadException()
    {
    }
}
