using EdgeStream.Core.Sources;

namespace EdgeStream.Sensors;

/// <summary>
/// A sensor source cannot run at all: missing or empty file, no header, a configured channel that the
/// file lacks, a channel count that does not fit the stream's model. Bad samples never throw: they
/// are rejected one by one and the stream goes on.
/// </summary>
public sealed class SensorSourceException : SourceGaveUpException
{
    public SensorSourceException()
    {
    }

    public SensorSourceException(string message)
        : base(message)
    {
    }

    public SensorSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
