namespace EdgeStream.Video.Tests.Rtsp;

/// <summary>
/// Tests that run a real RTSP server run one after another: one of them kills its server and restarts it on the same
/// port, and with other servers starting beside it (on a 2-core machine) the restart once found nothing listening
/// for a minute. Serialising them keeps that test about the source, not about the machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RtspServerTests
{
    public const string Name = "RTSP server";
}
