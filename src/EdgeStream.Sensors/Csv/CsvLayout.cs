using EdgeStream.Sensors.Validation;

namespace EdgeStream.Sensors.Csv;

/// <summary>
/// The shape of a sensor CSV read from its header: delimiter (<c>,</c>, <c>;</c> or tab, detected),
/// which column holds the timestamp and which columns are the channels, in the stream's order.
/// Fields may be wrapped in double quotes; a delimiter inside quotes is not supported (sensor files have none).
/// </summary>
public sealed class CsvLayout
{
    /// <summary>Ground-truth columns left out unless asked for by name (SKAB's anomaly/changepoint, a generic label).</summary>
    public static readonly IReadOnlyList<string> LabelColumns = ["anomaly", "changepoint", "label"];

    private static readonly string[] TimestampNames = ["timestamp", "datetime", "time", "ts", "date"];

    // One spare slot: Split puts any surplus fields there, which is how a long row is noticed.
    private readonly Range[] _ranges;
    private readonly int[] _channelColumns;

    private CsvLayout(char delimiter, string[] columns, int timestampColumn, int[] channelColumns)
    {
        Delimiter = delimiter;
        Columns = columns;
        TimestampColumn = timestampColumn;
        _channelColumns = channelColumns;
        ChannelNames = [.. channelColumns.Select(i => columns[i])];
        _ranges = new Range[columns.Length + 1];
    }

    public char Delimiter { get; }

    public IReadOnlyList<string> Columns { get; }

    public int TimestampColumn { get; }

    /// <summary>Names of the replayed channels as the header spells them, in stream order.</summary>
    public IReadOnlyList<string> ChannelNames { get; }

    public static char DetectDelimiter(ReadOnlySpan<char> header)
    {
        var semicolons = header.Count(';');
        var commas = header.Count(',');
        var tabs = header.Count('\t');
        if (tabs > commas && tabs > semicolons)
        {
            return '\t';
        }

        return semicolons > commas ? ';' : ',';
    }

    /// <summary>Reads the header row; throws <see cref="SensorSourceException"/> naming what is wrong.</summary>
    public static CsvLayout FromHeader(string header, IReadOnlyList<string>? channels = null, string? timestampColumn = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        var delimiter = DetectDelimiter(header);
        var columns = header.Split(delimiter).Select(c => Unquote(c).ToString()).ToArray();
        if (columns.Length < 2 || columns.Any(c => c.Length == 0) || columns.Any(c => SensorTimestamp.TryParse(c, out _)))
        {
            throw new SensorSourceException(
                $"The first line must be a header with a timestamp column and channel columns; got '{Shorten(header)}'.");
        }

        var ts = FindTimestampColumn(columns, timestampColumn);
        var selected = channels is { Count: > 0 } ? SelectNamed(columns, channels, ts) : SelectDefault(columns, ts);
        return new CsvLayout(delimiter, columns, ts, selected);
    }

    /// <summary>
    /// Parses one data line: its timestamp, shifted by <paramref name="offset"/> (a looped replay's shift),
    /// into <paramref name="timestamp"/> and its channels into <paramref name="values"/>.
    /// Returns null when the sample passes every rule, else the reason.
    /// </summary>
    public string? Parse(
        ReadOnlySpan<char> line, SampleValidator validator, Span<float> values, out DateTimeOffset timestamp, TimeSpan offset = default)
    {
        ArgumentNullException.ThrowIfNull(validator);
        timestamp = default;
        var fields = line.Split(_ranges, Delimiter);
        if (fields != Columns.Count)
        {
            return $"expected {Columns.Count} fields as in the header, got {line.Count(Delimiter) + 1}";
        }

        var tsText = Unquote(line[_ranges[TimestampColumn]]);
        if (!SensorTimestamp.TryParse(tsText, out timestamp))
        {
            return SampleValidator.BadTimestamp(tsText);
        }

        timestamp += offset;

        for (var c = 0; c < _channelColumns.Length; c++)
        {
            if (validator.ParseValue(c, Unquote(line[_ranges[_channelColumns[c]]]), out values[c]) is { } reason)
            {
                return reason;
            }
        }

        return validator.CheckOrder(timestamp);
    }

    private static int FindTimestampColumn(string[] columns, string? wanted)
    {
        if (wanted is not null)
        {
            var i = ChannelNamesIndex(columns, wanted);
            return i >= 0 ? i : throw new SensorSourceException(
                $"Timestamp column '{wanted}' is not in the header (columns: {string.Join(", ", columns)}).");
        }

        foreach (var name in TimestampNames)
        {
            var i = Array.FindIndex(columns, c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (i >= 0)
            {
                return i;
            }
        }

        return 0;
    }

    private static int[] SelectNamed(string[] columns, IReadOnlyList<string> channels, int ts)
    {
        var selected = new int[channels.Count];
        for (var c = 0; c < channels.Count; c++)
        {
            var i = ChannelNamesIndex(columns, channels[c]);
            if (i < 0 || i == ts)
            {
                throw new SensorSourceException(
                    $"Channel '{channels[c]}' is not a column of the file (columns: {string.Join(", ", columns)}).");
            }

            selected[c] = i;
        }

        return selected;
    }

    private static int[] SelectDefault(string[] columns, int ts)
    {
        var selected = Enumerable.Range(0, columns.Length)
            .Where(i => i != ts && !LabelColumns.Contains(columns[i], StringComparer.OrdinalIgnoreCase))
            .ToArray();
        return selected.Length > 0 ? selected : throw new SensorSourceException(
            $"The header has no channel columns besides the timestamp (columns: {string.Join(", ", columns)}).");
    }

    private static int ChannelNamesIndex(string[] columns, string wanted) => Validation.ChannelNames.IndexOf(columns, wanted);

    private static ReadOnlySpan<char> Unquote(ReadOnlySpan<char> field)
    {
        field = field.Trim();
        return field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1] : field;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 80), "...");
}
