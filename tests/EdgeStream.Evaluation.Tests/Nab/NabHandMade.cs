using EdgeStream.Evaluation.Nab;

namespace EdgeStream.Evaluation.Tests.Nab;

/// <summary>Small hand-made files: one row a minute from a fixed start, windows given by row indices.</summary>
internal static class NabHandMade
{
    private static readonly DateTime Start = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static DateTime Time(int row) => Start.AddMinutes(row);

    public static NabWindow Window(int firstRow, int lastRow) => new(Time(firstRow), Time(lastRow));

    /// <summary><paramref name="count"/> rows scoring 0, except the rows listed, which score 1.</summary>
    public static NabFileRows Rows(int count, params int[] detections) => Rows("cat/file.csv", count, detections);

    public static NabFileRows Rows(string file, int count, params int[] detections)
    {
        var scores = new double[count];
        foreach (var row in detections)
        {
            scores[row] = 1.0;
        }

        return Rows(file, scores);
    }

    public static NabFileRows Rows(string file, double[] scores) =>
        new(file, [.. Enumerable.Range(0, scores.Length).Select(Time)], scores);

    /// <summary>NAB's scaled sigmoid by another route: 2/(1+e^(5y)) - 1 = -tanh(5y/2).</summary>
    public static double Sigma(double y) => -Math.Tanh(2.5 * y);
}
