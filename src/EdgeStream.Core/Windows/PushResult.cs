namespace EdgeStream.Core.Windows;

/// <summary>What happened to the ring when a step was pushed into a <see cref="WindowRing"/>.</summary>
public enum PushResult
{
    /// <summary>Stored after the previous step.</summary>
    Stored,

    /// <summary>The gap since the previous step exceeded the maximum: the ring was cleared, the step starts a new one.</summary>
    ResetGap,

    /// <summary>The step is older than the previous one: the ring was cleared, the step starts a new one.</summary>
    ResetOutOfOrder,
}
