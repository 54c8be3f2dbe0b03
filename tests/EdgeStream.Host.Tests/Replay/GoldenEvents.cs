using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeStream.Core.Events;

namespace EdgeStream.Host.Tests.Replay;

/// <summary>
/// A golden event file (Golden/NAME.events.json): the events a replay of one sample produced when it was last
/// reviewed. Labels must match exactly; scores within <see cref="ScoreTolerance"/> (relative, at least absolute).
/// Regenerate with EDGESTREAM_UPDATE_GOLDEN=1 after a deliberate model change, and review the diff.
/// </summary>
internal sealed record GoldenEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Input { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public double ScoreTolerance { get; init; } = 0.02;

    public required IReadOnlyList<GoldenEvent> Events { get; init; }

    public static string PathFor(string input) => System.IO.Path.Combine(Support.TestEnvironment.Golden, System.IO.Path.GetFileName(input) + ".events.json");

    public static GoldenEvents Read(string path) => JsonSerializer.Deserialize<GoldenEvents>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path}: empty golden file");

    public static GoldenEvents From(string input, IReadOnlyList<string> labels, IEnumerable<DetectionEvent> events) => new()
    {
        Input = input,
        Labels = labels,
        Events = [.. events.Select(e => new GoldenEvent(Phase(e.Phase), e.Label, Math.Round(e.Score, 4), e.StartedAt, e.EndedAt))],
    };

    public static string Phase(EventPhase phase) => phase.ToString().ToLowerInvariant();

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");
}

internal sealed record GoldenEvent(string Phase, string Label, double Score, DateTimeOffset StartedAt, DateTimeOffset? EndedAt);
