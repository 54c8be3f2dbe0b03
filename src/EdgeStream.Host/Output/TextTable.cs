using System.Text;

namespace EdgeStream.Host.Output;

/// <summary>A plain-text table with aligned columns (numbers right-aligned), for summaries on a terminal or in a log.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    public override string ToString()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var numeric = headers.Select((_, i) => _rows.Count > 0 && _rows.All(r => IsNumber(r[i]))).ToArray();
        var text = new StringBuilder();
        Line(text, headers, widths, numeric);
        Line(text, [.. widths.Select(w => new string('-', w))], widths, numeric);
        foreach (var row in _rows)
        {
            Line(text, row, widths, numeric);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths, bool[] numeric)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = numeric[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]);
            text.Append(i == 0 ? "" : "  ").Append(i == cells.Length - 1 ? cell.TrimEnd() : cell);
        }

        text.Append('\n');
    }

    private static bool IsNumber(string cell) => cell.Length > 0 && cell.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or 'e' or 'E' or '+');
}
