using EdgeStream.Host.Composition;

namespace EdgeStream.Host.Keypoints;

/// <summary>One labelled clip of a UCF101-style folder: <c>FOLDER/&lt;label&gt;/&lt;clip&gt;.mp4</c>.</summary>
/// <param name="Label">The name of the clip's subfolder.</param>
/// <param name="Path">The clip's full path.</param>
/// <param name="Relative">The clip's path under the folder, with '/' (what index.json and messages show).</param>
internal sealed record LabelledClip(string Label, string Path, string Relative);

/// <summary>
/// Reads a folder of labelled clips in the UCF101 layout, the one the training recipe reads
/// (models/training/edgestream_train/action_data.py <c>VideoFolderDataset</c>): one subfolder per label, the label's
/// clips inside it. Hidden entries are skipped; files that are not videos are counted and left alone. A layout that
/// gives nothing to extract stops with the problem and the fix.
/// </summary>
internal static class ClipFolder
{
    public static readonly string[] VideoExtensions = [".mp4", ".avi", ".mkv", ".mov", ".webm", ".m4v", ".mpg", ".mpeg"];

    public static (IReadOnlyList<LabelledClip> Clips, int Ignored) Read(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new StartupException($"{folder}: no such folder; name a folder of labelled clips, FOLDER/<label>/<clip>.mp4");
        }

        var labels = Directory.EnumerateDirectories(folder)
            .Where(d => !System.IO.Path.GetFileName(d).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (labels.Count == 0)
        {
            var loose = Directory.EnumerateFiles(folder).Count(IsVideo);
            throw new StartupException(loose > 0
                ? $"{folder}: {loose} clip(s) but no label subfolders; move each clip into a folder named after its label, FOLDER/<label>/<clip>.mp4"
                : $"{folder}: empty (no label subfolders); record clips into FOLDER/<label>/<clip>.mp4, one subfolder per label");
        }

        var clips = new List<LabelledClip>();
        var ignored = 0;
        foreach (var dir in labels)
        {
            var label = System.IO.Path.GetFileName(dir);
            foreach (var file in Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal))
            {
                var name = System.IO.Path.GetFileName(file);
                if (name.StartsWith('.'))
                {
                    continue;
                }

                if (IsVideo(file))
                {
                    clips.Add(new LabelledClip(label, file, $"{label}/{name}"));
                }
                else
                {
                    ignored++;
                }
            }
        }

        if (clips.Count == 0)
        {
            var names = string.Join(", ", labels.Select(System.IO.Path.GetFileName));
            throw new StartupException($"{folder}: the label folders ({names}) hold no clips ({string.Join(", ", VideoExtensions)}); put each label's clips into its folder");
        }

        return (clips, ignored);
    }

    private static bool IsVideo(string path) => VideoExtensions.Contains(System.IO.Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
