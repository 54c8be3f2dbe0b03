using System.Diagnostics;
using System.Globalization;
using System.Text;
using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Host.Replay;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.RealVideo;

/// <summary>One event of a replayed clip; times in seconds from the clip's start (replay's stream time starts at the epoch).</summary>
internal sealed record ClipEvent(string Label, EventPhase Phase, double StartedAt, double? EndedAt, double Score)
{
    public static ClipEvent From(DetectionEvent e) =>
        new(e.Label, e.Phase, Seconds(e.StartedAt), e.EndedAt is { } end ? Seconds(end) : null, e.Score);

    private static double Seconds(DateTimeOffset time) => (time - ReplayRequest.Epoch).TotalSeconds;
}

/// <summary>What <c>edgestream replay CLIP --out FILE</c> returned for one clip: its exit code, events and printed output.</summary>
internal sealed record ClipRun(RealClip Clip, int Exit, IReadOnlyList<ClipEvent> Events, string Output, string Error)
{
    /// <summary>How far a fall start may be from a labelled fall time and still count: 1 s early to 3 s late.</summary>
    public const double FallEarly = -1, FallLate = 3;

    public IEnumerable<ClipEvent> Starts => Events.Where(e => e.Phase == EventPhase.Start);

    public bool Raises(string label) => Starts.Any(e => e.Label == label);

    /// <summary>A fall start within <see cref="FallEarly"/>..<see cref="FallLate"/> s of a labelled fall time.</summary>
    public ClipEvent? FallFound => Starts.FirstOrDefault(e => e.Label == "fall"
        && Clip.FallTimes.Any(t => e.StartedAt - t >= FallEarly && e.StartedAt - t <= FallLate));

    /// <summary>A clip whose labels hold no fall, with any fall event (any phase).</summary>
    public bool FalseFall => !Clip.HasFall && Events.Any(e => e.Label == "fall");

    /// <summary>
    /// Active seconds per label: the sum of EndedAt - StartedAt over its end events (replay ends every open event
    /// when the clip ends, so every start has its end).
    /// </summary>
    public IReadOnlyDictionary<string, double> ActiveSeconds =>
        Events.Where(e => e.Phase == EventPhase.End).GroupBy(e => e.Label)
            .ToDictionary(g => g.Key, g => g.Sum(e => (e.EndedAt ?? e.StartedAt) - e.StartedAt), StringComparer.Ordinal);

    /// <summary>The label with the longest active time; ties go to the one started more often, then by name. Null without events.</summary>
    public string? DominantLabel => ActiveSeconds
        .OrderByDescending(a => a.Value).ThenByDescending(a => Starts.Count(s => s.Label == a.Key)).ThenBy(a => a.Key, StringComparer.Ordinal)
        .Select(a => a.Key).FirstOrDefault();

    /// <summary>The start events as <c>label@seconds</c>, for the table.</summary>
    public string StartList => Starts.Any() ? string.Join(", ", Starts.Select(s => $"{s.Label}@{RealClips.Seconds(s.StartedAt)}")) : "-";

    /// <summary>The clip with each occurrence (label, start-end s, peak score), for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder(Clip.Name).Append(" [").Append(Clip.Shows).Append("]: ");
        var ends = Events.Where(e => e.Phase == EventPhase.End).ToList();
        text.Append(ends.Count == 0 ? "no events" : string.Join(", ", ends.Select(e =>
            string.Create(CultureInfo.InvariantCulture, $"{e.Label} {e.StartedAt:0.0}-{e.EndedAt ?? e.StartedAt:0.0} s ({e.Score:0.00})"))));
        return Exit == 0 ? text.ToString() : text.Append($"; exit {Exit}: {Error.Trim()}").ToString();
    }
}

/// <summary>Every real clip replayed with one model, and how long that took.</summary>
internal sealed record RealRun(RealModel Model, IReadOnlyList<ClipRun> Clips, TimeSpan Elapsed)
{
    public static string Describe(IEnumerable<ClipRun> clips) => string.Join("\n", clips.Select(c => "  " + c.Describe()));
}

/// <summary>
/// Replays each clip with the real command line, in this process, as a user types it:
/// <c>edgestream replay CLIP --out EVENTS.jsonl --config ... --action-model NAME</c> (<see cref="RealModel.ConfigArguments"/>),
/// two clips at a time, and reads the events back from the JSON Lines file the CLI wrote.
/// </summary>
internal static class RealReplay
{
    /// <summary>Clips replayed at once: each replay keeps about one core busy (decode, encoder, head).</summary>
    public const int AtOnce = 2;

    public static async Task<RealRun> RunAllAsync(RealModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var clips = RealClips.All();
        var folder = Path.Combine(Path.GetTempPath(), "edgestream-real-clips", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var config = model.ConfigArguments(folder);
            var runs = new ClipRun[clips.Count];
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, clips.Count), new ParallelOptions { MaxDegreeOfParallelism = AtOnce }, async (i, _) =>
                runs[i] = await ReplayAsync(clips[i], config, Path.Combine(folder, $"{i:D3}.jsonl")));
            return new RealRun(model, runs, clock.Elapsed);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ClipRun> ReplayAsync(RealClip clip, IReadOnlyList<string> config, string events)
    {
        var (exit, output, error) = await CliRun.RunAsync(["replay", clip.Path, "--out", events, .. config]);
        var read = File.Exists(events)
            ? File.ReadLines(events).Where(l => l.Length > 0).Select(l => ClipEvent.From(EventJson.DeserializeEvent(Encoding.UTF8.GetBytes(l)))).ToList()
            : [];
        return new ClipRun(clip, exit, read, output, error);
    }
}
