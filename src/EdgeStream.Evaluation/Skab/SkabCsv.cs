using System.Globalization;

namespace EdgeStream.Evaluation.Skab;

/// <summary>
/// Reads a SKAB CSV: ';'-separated, header <c>datetime;&lt;8 channels&gt;[;anomaly;changepoint]</c>, times
/// <c>yyyy-MM-dd HH:mm:ss</c>, labels written <c>0.0</c>/<c>1.0</c>.
/// </summary>
public static class SkabCsv
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>Reads <paramref name="path"/> as the file called <paramref name="name"/>; throws <see cref="FormatException"/> naming the line when one does not parse.</summary>
    public static SkabFile Read(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, name);
    }

    /// <summary>Reads SKAB CSV text; <paramref name="name"/> is the file's corpus name and appears in errors.</summary>
    public static SkabFile Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var header = reader.ReadLine() ?? throw new FormatException($"{name}: empty file");
        var labelled = ParseHeader(header, name);
        var width = labelled ? SkabFile.ChannelCount + 3 : SkabFile.ChannelCount + 1;

        var timestamps = new List<DateTime>();
        var channels = new List<double>();
        var anomaly = labelled ? new List<bool>() : null;
        var changepoint = labelled ? new List<bool>() : null;
        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(';');
            if (cells.Length != width)
            {
                throw new FormatException($"{name} line {lineNumber}: {cells.Length} cells, the header has {width}");
            }

            if (!DateTime.TryParseExact(cells[0], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                throw new FormatException($"{name} line {lineNumber}: '{cells[0]}' is not a {TimeFormat} time");
            }

            timestamps.Add(time);
            for (var c = 1; c <= SkabFile.ChannelCount; c++)
            {
                channels.Add(Number(cells[c], name, lineNumber));
            }

            if (labelled)
            {
                anomaly!.Add(Label(cells[^2], name, lineNumber));
                changepoint!.Add(Label(cells[^1], name, lineNumber));
            }
        }

        return new SkabFile(name, timestamps, channels, anomaly, changepoint);
    }

    // The header must be SKAB's exactly: a renamed or reordered column would silently feed the wrong channel.
    private static bool ParseHeader(string header, string name)
    {
        var columns = header.Split(';');
        var expected = new List<string> { "datetime" };
        expected.AddRange(SkabFile.ChannelNames);
        var labelled = columns.Length == expected.Count + 2;
        if (labelled)
        {
            expected.AddRange(["anomaly", "changepoint"]);
        }

        if (!columns.SequenceEqual(expected, StringComparer.Ordinal))
        {
            throw new FormatException($"{name}: header '{header}' is not SKAB's '{string.Join(';', expected)}'");
        }

        return labelled;
    }

    private static double Number(string cell, string name, int line) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name} line {line}: '{cell}' is not a number");

    private static bool Label(string cell, string name, int line) =>
        Number(cell, name, line) switch
        {
            0 => false,
            1 => true,
            _ => throw new FormatException($"{name} line {line}: label '{cell}' is neither 0 nor 1"),
        };
}
