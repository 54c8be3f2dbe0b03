using EdgeStream.Core.Sources;

namespace EdgeStream.Video.Capture;

/// <summary>A video source gave up: the message names the file, device or URL and the reason.</summary>
public sealed class VideoSourceException : SourceGaveUpException
{
    public VideoSourceException()
    {
    }

    public VideoSourceException(string message)
        : base(message)
    {
    }

    public VideoSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
