using System.Globalization;
using System.Text;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.RealVideo;

/// <summary>
/// The evaluation table for models/README.md, in markdown: one row per clip as <c>edgestream replay</c> judged it,
/// then per-split totals (fall recall, false-fall clips) and the wave and walk targets.
/// </summary>
internal static class RealTable
{
    /// <summary>Where <see cref="WriteIfAsked"/> writes the table; unset, nothing is written.</summary>
    public const string Variable = "EDGESTREAM_REAL_TABLE";

    public static void WriteIfAsked(RealRun run)
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path)
        {
            File.WriteAllText(Path.GetFullPath(path), Render(run));
        }
    }

    public static string Render(RealRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var model = Path.GetRelativePath(TestEnvironment.RepoRoot, run.Model.Folder);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Model `{model}`, replayed with `edgestream replay CLIP` ({run.Model.ConfigDescription}), {run.Clips.Count} clips in {run.Elapsed.TotalSeconds:0} s.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Events: start events as label@seconds from the clip's start (the event's startedAt). A fall is found when a `fall` start lies within {ClipRun.FallEarly:+0;-0}..{ClipRun.FallLate:+0;-0} s of a labelled fall time; a false fall is any `fall` event on a clip without a fall.");
        text.AppendLine();
        text.AppendLine("| clip | split | shows (expected labels) | events emitted | fall found? | false fall? |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var c in run.Clips)
        {
            var found = c.Clip.HasFall ? (c.FallFound is { } f ? $"yes ({RealClips.Seconds(f.StartedAt)} s)" : "**no**") : "-";
            var falseFall = c.Clip.HasFall ? "-" : c.FalseFall ? "**yes**" : "no";
            var events = c.Exit == 0 ? c.StartList : $"FAILED (exit {c.Exit})";
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{c.Clip.Name}` | {c.Clip.Split ?? "-"} | {c.Clip.Shows} | {events} | {found} | {falseFall} |");
        }

        text.AppendLine();
        text.AppendLine("| clips | falls found (recall) | false-fall clips |");
        text.AppendLine("|---|---|---|");
        foreach (var (title, clips) in Groups(run.Clips))
        {
            text.AppendLine($"| {title} | {Recall(clips)} | {FalseFalls(clips)} |");
        }

        text.AppendLine();
        var waves = run.Clips.Where(RealClipReplayTests.IsHmdbWave).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"HMDB wave clips raising `wave`: {waves.Count(c => c.Raises("wave"))} of {waves.Count}.");
        foreach (var walk in run.Clips.Where(c => c.Clip.Name == RealClipReplayTests.WalkClip))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"`{walk.Clip.Name}`: dominant label (longest active time) {walk.DominantLabel ?? "none"}; active seconds {Active(walk)}.");
        }

        return text.ToString();
    }

    private static IEnumerable<(string Title, List<ClipRun> Clips)> Groups(IReadOnlyList<ClipRun> clips)
    {
        foreach (var split in new[] { "train", "test" })
        {
            yield return ($"real-actions {split}", clips.Where(c => c.Clip.Split == split).ToList());
        }

        yield return ("outside real-actions", clips.Where(c => !c.Clip.IsRealAction).ToList());
        yield return ("all", [.. clips]);
    }

    private static string Recall(List<ClipRun> clips)
    {
        var falls = clips.Where(c => c.Clip.HasFall).ToList();
        return falls.Count == 0 ? "-"
            : string.Create(CultureInfo.InvariantCulture, $"{falls.Count(c => c.FallFound is not null)} of {falls.Count} ({100.0 * falls.Count(c => c.FallFound is not null) / falls.Count:0}%)");
    }

    private static string FalseFalls(List<ClipRun> clips)
    {
        var none = clips.Where(c => !c.Clip.HasFall).ToList();
        var wrong = none.Where(c => c.FalseFall).Select(c => Path.GetFileName(c.Clip.Name)).ToList();
        return $"{wrong.Count} of {none.Count}" + (wrong.Count > 0 ? $": {string.Join(", ", wrong)}" : "");
    }

    private static string Active(ClipRun clip) => clip.ActiveSeconds.Count == 0 ? "none"
        : string.Join(", ", clip.ActiveSeconds.OrderByDescending(a => a.Value).Select(a => $"{a.Key} {RealClips.Seconds(a.Value)}"));
}
