using System.Globalization;

namespace EdgeStream.Evaluation.Nab;

/// <summary>The rows of a NAB data file: what a detector is replayed over.</summary>
/// <param name="Timestamps">Each row's timestamp.</param>
/// <param name="Values">Each row's value.</param>
public sealed record NabDataRows(IReadOnlyList<DateTime> Timestamps, IReadOnlyList<double> Values);

/// <summary>
/// Reads NAB's CSV files: a data file (<c>timestamp,value</c>) and a detector's results file (<c>timestamp,value,
/// anomaly_score,...</c>, the layout of <c>results/&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;name&gt;.csv</c>).
/// NAB's files have a header and no quoting, so a plain split is enough.
/// </summary>
public static class NabCsv
{
    /// <summary>Reads a data file of the corpus (<c>data/&lt;category&gt;/&lt;name&gt;.csv</c>).</summary>
    /// <exception cref="InvalidDataException">A column is missing or a value does not parse.</exception>
    public static NabDataRows ReadData(string path)
    {
        var timestamps = new List<DateTime>();
        var values = new List<double>();
        Read(path, "value", (time, value) =>
        {
            timestamps.Add(time);
            values.Add(value);
        });
        return new NabDataRows(timestamps, values);
    }

    /// <summary>Reads a detector's results file: its <c>timestamp</c> and <c>anomaly_score</c> columns.</summary>
    /// <param name="path">The results CSV.</param>
    /// <param name="file">The data file it scores, relative to <c>data/</c> (e.g. <c>realKnownCause/nyc_taxi.csv</c>).</param>
    /// <exception cref="InvalidDataException">A column is missing or a value does not parse.</exception>
    public static NabFileRows ReadResults(string path, string file)
    {
        var timestamps = new List<DateTime>();
        var scores = new List<double>();
        Read(path, "anomaly_score", (time, score) =>
        {
            timestamps.Add(time);
            scores.Add(score);
        });
        return new NabFileRows(file, timestamps, scores);
    }

    /// <summary>
    /// Reads all of one detector's results in NAB's layout: <c>&lt;folder&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;name&gt;.csv</c>
    /// scores <c>&lt;category&gt;/&lt;name&gt;.csv</c>. The <c>*_scores.csv</c> summaries at the top of the folder are skipped.
    /// </summary>
    /// <returns>One entry per results file, ordered by data file.</returns>
    public static IReadOnlyList<NabFileRows> ReadDetectorResults(string detectorFolder, string detector)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(detector);
        var prefix = detector + "_";
        var rows = new List<NabFileRows>();
        foreach (var categoryFolder in Directory.EnumerateDirectories(detectorFolder))
        {
            var category = Path.GetFileName(categoryFolder);
            foreach (var path in Directory.EnumerateFiles(categoryFolder, prefix + "*.csv"))
            {
                var file = category + "/" + Path.GetFileName(path)[prefix.Length..];
                rows.Add(ReadResults(path, file));
            }
        }

        return [.. rows.OrderBy(r => r.File, StringComparer.Ordinal)];
    }

    private static void Read(string path, string column, Action<DateTime, double> row)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split(',') ?? throw new InvalidDataException($"{path} is empty");
        var timeColumn = Array.IndexOf(header, "timestamp");
        var valueColumn = Array.IndexOf(header, column);
        if (timeColumn < 0 || valueColumn < 0)
        {
            throw new InvalidDataException($"{path}: header '{string.Join(',', header)}' lacks timestamp or {column}");
        }

        var line = 1;
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (text.Length == 0)
            {
                continue;
            }

            var fields = text.Split(',');
            if (fields.Length != header.Length
                || !double.TryParse(fields[valueColumn], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new InvalidDataException($"{path}:{line}: '{text}' does not match the header or its {column} is not a number");
            }

            row(NabTimestamps.Parse(fields[timeColumn]), value);
        }
    }
}
