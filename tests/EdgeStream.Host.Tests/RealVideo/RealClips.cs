using System.Globalization;
using EdgeStream.Host.Tests.Support;

namespace EdgeStream.Host.Tests.RealVideo;

/// <summary>
/// One real clip under ../shared/data/clips and what it shows: for <c>real-actions/</c> the labels, fall times and
/// split of its <c>labels.tsv</c>; for the public samples outside it, the labels their README gives (no fall in any).
/// </summary>
/// <param name="Name">The path below the clips folder, with <c>/</c>, e.g. <c>real-actions/fall_icerink_phone.mp4</c>.</param>
/// <param name="Split"><c>train</c> or <c>test</c> for real-actions; null outside it.</param>
/// <param name="Shows">What the clip shows, for the table.</param>
internal sealed record RealClip(string Name, string Path, IReadOnlyList<string> Labels, IReadOnlyList<double> FallTimes, string? Split, string Shows)
{
    public bool HasFall => Labels.Contains("fall", StringComparer.Ordinal);

    public bool IsRealAction => Split is not null;
}

/// <summary>Every video under ../shared/data/clips, in name order, with its labels.</summary>
internal static class RealClips
{
    public const string RealActions = "real-actions";

    private static readonly string[] Extensions = [".mp4", ".avi", ".mkv", ".mov", ".webm"];

    /// <summary>The labels of the public samples outside real-actions (their README); the rest show no action of the model.</summary>
    private static readonly Dictionary<string, (string[] Labels, string Shows)> Samples = new(StringComparer.Ordinal)
    {
        ["opencv/vtest_first20s_h264.mp4"] = (["walk"], "walk: pedestrians, fixed elevated camera"),
        ["torchvision/RATRACE_wave_f_nm_np1_fr_goo_37.avi"] = (["wave"], "wave (HMDB51)"),
        ["torchvision/SchoolRulesHowTheyHelpUs_wave_f_nm_np1_ba_med_0.avi"] = (["wave"], "wave (HMDB51)"),
        ["torchvision/TrumanShow_wave_f_nm_np1_fr_med_26.avi"] = (["wave"], "wave (HMDB51)"),
        ["torchvision/v_SoccerJuggling_g23_c01.avi"] = ([], "other: soccer juggling (UCF101)"),
        ["torchvision/v_SoccerJuggling_g24_c01.avi"] = ([], "other: soccer juggling (UCF101)"),
        ["torchvision/R6llTwEh07w.mp4"] = ([], "other: using a segway (Kinetics-400)"),
        ["mmaction2/demo.mp4"] = ([], "other: arm wrestling (Kinetics-400)"),
        ["mmaction2/tests_data_test.mp4"] = ([], "other: cleaning a pool"),
        ["mmaction2/tests_data_rawvideo_dataset_part_0.mp4"] = ([], "other: 1 s fragment"),
        ["mmaction2/tests_data_test.avi"] = ([], "other: applying eye make-up (UCF101)"),
        ["mmaction2/test_video_structuralize.mp4"] = ([], "other: basketball practice, 2 people"),
    };

    public static string Folder => TestEnvironment.SharedClips;

    public static IReadOnlyList<RealClip> All()
    {
        var labelled = ReadLabels(System.IO.Path.Combine(Folder, RealActions, "labels.tsv"));
        var clips = new List<RealClip>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*", SearchOption.AllDirectories)
            .Where(f => Extensions.Contains(System.IO.Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetRelativePath(Folder, path).Replace('\\', '/');
            if (labelled.TryGetValue(name, out var row))
            {
                clips.Add(row with { Path = path });
            }
            else if (name.StartsWith(RealActions + "/", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{name} has no row in {RealActions}/labels.tsv");
            }
            else
            {
                var (labels, shows) = Samples.TryGetValue(name, out var sample) ? sample : ([], "other: public sample (clips/README.md)");
                clips.Add(new RealClip(name, path, labels, [], null, shows));
            }
        }

        var missing = labelled.Keys.Where(k => clips.All(c => c.Name != k)).ToList();
        return missing.Count == 0 ? clips
            : throw new InvalidOperationException($"labels.tsv names clips that are not there: {string.Join(", ", missing)}");
    }

    /// <summary>labels.tsv: file, labels (comma list), fall_times_s (comma list), split; a header row first.</summary>
    private static Dictionary<string, RealClip> ReadLabels(string tsv)
    {
        var rows = new Dictionary<string, RealClip>(StringComparer.Ordinal);
        if (!File.Exists(tsv))
        {
            return rows;
        }

        foreach (var line in File.ReadLines(tsv).Skip(1).Where(l => l.Trim().Length > 0))
        {
            var cells = line.Split('\t');
            if (cells.Length < 4)
            {
                throw new FormatException($"{tsv}: expected 4 tab-separated cells (file, labels, fall_times_s, split): '{line}'");
            }

            var labels = List(cells[1]);
            var falls = List(cells[2]).Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            var split = cells[3].Trim();
            var shows = string.Join(", ", labels) + (falls.Length > 0 ? $" (fall at {string.Join(", ", falls.Select(Seconds))} s)" : "");
            var name = $"{RealActions}/{cells[0].Trim()}";
            rows.Add(name, new RealClip(name, "", labels, falls, split, shows));
        }

        return rows;
    }

    public static string Seconds(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string[] List(string cell) =>
        cell.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
