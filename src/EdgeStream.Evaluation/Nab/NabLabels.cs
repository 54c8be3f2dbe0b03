using System.Text.Json;

namespace EdgeStream.Evaluation.Nab;

/// <summary>One labelled anomaly window: the timestamps of its first and last rows (both inclusive).</summary>
public readonly record struct NabWindow(DateTime Start, DateTime End);

/// <summary>
/// NAB's ground truth: for each data file (its path relative to <c>data/</c>, e.g. <c>realKnownCause/nyc_taxi.csv</c>)
/// the anomaly windows, in time order. NAB's labeler has already sized, centred, clipped and merged them, and dropped a
/// first window that overlapped the probationary period, so they are used as they are.
/// </summary>
public sealed class NabLabels
{
    private readonly Dictionary<string, IReadOnlyList<NabWindow>> _windows;

    /// <summary>Labels from a map of file to windows (a hand-made corpus, or a subset of NAB's).</summary>
    /// <exception cref="ArgumentException">A file's windows are empty-ended, out of order or overlap.</exception>
    public NabLabels(IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        _windows = new Dictionary<string, IReadOnlyList<NabWindow>>(StringComparer.Ordinal);
        foreach (var (file, list) in windows)
        {
            // NAB walks a file's windows in order and enters the next one only after leaving the last, so windows that
            // are reversed or overlap would be scored silently wrong; better to refuse them.
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].End < list[i].Start || (i > 0 && list[i].Start <= list[i - 1].End))
                {
                    throw new ArgumentException($"{file}: window {i} ({list[i].Start:O}..{list[i].End:O}) is reversed or overlaps the one before", nameof(windows));
                }
            }

            _windows[file] = [.. list];
        }
    }

    /// <summary>The labelled files, in ordinal order.</summary>
    public IReadOnlyList<string> Files => [.. _windows.Keys.Order(StringComparer.Ordinal)];

    /// <summary>All windows of all files (116 in NAB v1.1).</summary>
    public int WindowCount => _windows.Values.Sum(w => w.Count);

    /// <summary>Whether <paramref name="file"/> is labelled (a file with no anomalies is labelled, with no windows).</summary>
    public bool Contains(string file) => _windows.ContainsKey(file);

    /// <summary>The windows of one file, in time order.</summary>
    /// <exception cref="KeyNotFoundException">The file is not labelled.</exception>
    public IReadOnlyList<NabWindow> WindowsFor(string file) =>
        _windows.TryGetValue(file, out var windows)
            ? windows
            : throw new KeyNotFoundException($"'{file}' has no NAB labels (file paths are relative to data/, e.g. realKnownCause/nyc_taxi.csv)");

    /// <summary>Reads NAB's <c>labels/combined_windows.json</c> (<c>{file: [[start, end], ...]}</c>).</summary>
    /// <exception cref="InvalidDataException">A window is not a pair of timestamp strings.</exception>
    public static NabLabels Load(string combinedWindowsJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(combinedWindowsJsonPath));
        var windows = new Dictionary<string, IReadOnlyList<NabWindow>>(StringComparer.Ordinal);
        foreach (var file in document.RootElement.EnumerateObject())
        {
            var list = new List<NabWindow>();
            foreach (var pair in file.Value.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
                {
                    throw new InvalidDataException($"{combinedWindowsJsonPath}: {file.Name} has a window that is not [start, end]");
                }

                list.Add(new NabWindow(NabTimestamps.Parse(pair[0].GetString()!), NabTimestamps.Parse(pair[1].GetString()!)));
            }

            windows[file.Name] = list;
        }

        return new NabLabels(windows);
    }
}
