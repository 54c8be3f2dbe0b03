using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using EdgeStream.Evaluation.Nab;

namespace EdgeStream.Evaluation.Tests.Nab;

/// <summary>
/// NAB's published per-row results of the numenta and null detectors, unpacked from the shared tarballs into a temp
/// folder (removed on dispose) and read once for all the tests of a class. Nothing is read until a test asks, so the
/// fixture costs nothing when the shared data is absent and the tests skip.
/// </summary>
public sealed class NabPublishedFixture : IDisposable
{
    public static readonly string[] Detectors = ["numenta", "null"];

    private readonly Lazy<string> _unpacked = new(Unpack);
    private readonly Lazy<NabLabels> _labels = new(() => NabLabels.Load(Nab("labels", "combined_windows.json")));
    private readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabPublishedThreshold>>> _thresholds =
        new(() => NabPublished.LoadThresholds(Nab("config", "thresholds.json")));
    private readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>> _finalResults =
        new(() => NabPublished.LoadFinalResults(Nab("results", "final_results.json")));
    private readonly Dictionary<string, IReadOnlyList<NabFileRows>> _results = [];

    public static string Nab(params string[] parts) => Path.Combine([Repo.SharedData, "nab", .. parts]);

    public string Unpacked => _unpacked.Value;

    public NabLabels Labels => _labels.Value;

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, NabPublishedThreshold>> Thresholds => _thresholds.Value;

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> FinalResults => _finalResults.Value;

    public IReadOnlyList<NabFileRows> Results(string detector)
    {
        lock (_results)
        {
            if (!_results.TryGetValue(detector, out var rows))
            {
                _results[detector] = rows = NabCsv.ReadDetectorResults(Path.Combine(Unpacked, detector), detector);
            }

            return rows;
        }
    }

    /// <summary>A published per-row file's S(t) column for one profile.</summary>
    public static double[] PublishedRowScores(string path, NabProfile profile)
    {
        var lines = File.ReadAllLines(path);
        var column = Array.IndexOf(lines[0].Split(','), "S(t)_" + profile.Name);
        Assert.True(column >= 0, $"{path} has no S(t)_{profile.Name} column");
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => double.Parse(l.Split(',')[column], CultureInfo.InvariantCulture))];
    }

    /// <summary>
    /// True when <paramref name="actual"/> agrees with <paramref name="printed"/> to the 12 significant digits NAB's
    /// CSVs print (Python 2's str of a float): within one unit of the 12th digit.
    /// </summary>
    public static bool AgreesToPrinted(double printed, double actual)
    {
        if (printed == 0)
        {
            return Math.Abs(actual) <= 1e-15;
        }

        var unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(printed))) - 11);
        return Math.Abs(actual - printed) <= unit;
    }

    public void Dispose()
    {
        if (_unpacked.IsValueCreated)
        {
            Directory.Delete(_unpacked.Value, recursive: true);
        }
    }

    private static string Unpack()
    {
        var folder = Directory.CreateTempSubdirectory("nab-published-").FullName;
        foreach (var detector in Detectors)
        {
            using var gzip = new GZipStream(File.OpenRead(Nab("results-per-row", $"{detector}-per-row.tar.gz")), CompressionMode.Decompress);
            TarFile.ExtractToDirectory(gzip, folder, overwriteFiles: false);
        }

        return folder;
    }
}
