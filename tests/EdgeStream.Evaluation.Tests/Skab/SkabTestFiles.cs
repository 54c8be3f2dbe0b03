using EdgeStream.Evaluation.Skab;

namespace EdgeStream.Evaluation.Tests.Skab;

/// <summary>Hand-made SKAB files for the rule tests: 1 row a second from a fixed time, channels all zero.</summary>
internal static class SkabTestFiles
{
    public static readonly DateTime Start = new(2020, 3, 9, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>A labelled file of <paramref name="rows"/> rows, anomalous at <paramref name="anomalies"/>, changepoints at <paramref name="changepoints"/>.</summary>
    public static SkabFile Make(string name, int rows, int[]? anomalies = null, int[]? changepoints = null, Func<int, DateTime>? time = null)
    {
        time ??= row => Start.AddSeconds(row);
        var anomaly = new bool[rows];
        var changepoint = new bool[rows];
        foreach (var row in anomalies ?? [])
        {
            anomaly[row] = true;
        }

        foreach (var row in changepoints ?? [])
        {
            changepoint[row] = true;
        }

        return new SkabFile(name, [.. Enumerable.Range(0, rows).Select(time)], new double[rows * SkabFile.ChannelCount], anomaly, changepoint);
    }

    /// <summary>Flags true at <paramref name="rows"/>, <paramref name="count"/> long.</summary>
    public static bool[] Flags(int count, params int[] rows)
    {
        var flags = new bool[count];
        foreach (var row in rows)
        {
            flags[row] = true;
        }

        return flags;
    }

    /// <summary>A prediction of changepoints only (no anomaly flags) for the whole of <paramref name="file"/>.</summary>
    public static SkabPrediction Changepoints(SkabFile file, params int[] rows) =>
        new(file.Name, 0, new bool[file.RowCount], Flags(file.RowCount, rows));

    /// <summary>The protocol without a train part, so that hand-made files are scored from row 0.</summary>
    public static readonly SkabProtocol NoTrainRows = SkabProtocol.Leaderboard with { TrainRows = 0 };
}
