namespace EdgeStream.Core.Sources;

public enum StreamHealth
{
    /// <summary>Producing steps.</summary>
    Online,

    /// <summary>Producing, but with a problem worth knowing (drops, rejected samples, a slow source).</summary>
    Degraded,

    /// <summary>Not producing: disconnected, stalled, reconnecting or finished.</summary>
    Offline,
}
