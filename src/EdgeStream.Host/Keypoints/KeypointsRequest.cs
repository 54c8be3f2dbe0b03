using EdgeStream.Core.Models;
using EdgeStream.Host.Hosting;

namespace EdgeStream.Host.Keypoints;

/// <summary>What <c>edgestream keypoints</c> was asked to do.</summary>
/// <param name="Folder">The labelled clips, FOLDER/&lt;label&gt;/&lt;clip&gt;.mp4.</param>
/// <param name="Out">Where the keypoint files and index.json go.</param>
internal sealed record KeypointsRequest(string Folder, string Out)
{
    public const string DefaultModel = "pose";

    public ConfigRequest Config { get; init; } = ConfigRequest.Default;

    /// <summary>A model under <c>EdgeStream:Models</c> or a model folder.</summary>
    public string Model { get; init; } = DefaultModel;

    public string CurrentDirectory { get; init; } = Environment.CurrentDirectory;
}

/// <summary>One clip's outcome: where its keypoints went, or why it was skipped.</summary>
internal sealed record ClipResult(LabelledClip Clip)
{
    /// <summary>The clip's keypoint file, relative to the output folder ('/' separated); null when it failed.</summary>
    public string? File { get; init; }

    /// <summary>Rows written: frames at the model's rate.</summary>
    public int Frames { get; init; }

    public double Seconds { get; init; }

    /// <summary>Source frames decoded.</summary>
    public long Decoded { get; init; }

    public int Rejected { get; init; }

    /// <summary>Something the user should know about a clip that was written (short, truncated, frames rejected).</summary>
    public string? Note { get; init; }

    /// <summary>Why the clip was skipped; null when it was written.</summary>
    public string? Failure { get; init; }
}

/// <summary>Everything <c>edgestream keypoints</c> did.</summary>
internal sealed record KeypointsResult(IReadOnlyList<ClipResult> Clips, int Ignored, string Index, EngineInfo Engine, TimeSpan Elapsed, bool Interrupted)
{
    public bool Failed => Clips.Any(c => c.Failure is not null);
}
