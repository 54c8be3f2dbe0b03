using EdgeStream.Evaluation.Skab;

namespace EdgeStream.Evaluation.Tests.Skab;

public sealed class SkabCsvTests
{
    private const string Header = "datetime;Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Temperature;Thermocouple;Voltage;Volume Flow RateRMS";

    [Fact]
    public void Read_LabelledFile_GivesTimesChannelsAndLabels()
    {
        var text = Header + ";anomaly;changepoint\n"
            + "2020-03-09 10:14:33;0.0265878;0.0401113;1.3302;0.054711;79.3366;26.0199;233.062;32.0;0.0;0.0\n"
            + "2020-03-09 10:14:35;0.0261697;0.0404525;1.35399;0.382638;79.5158;26.0258;236.04;32.0;1.0;1.0\n";

        var file = SkabCsv.Read(new StringReader(text), "valve1/0");

        Assert.Equal(2, file.RowCount);
        Assert.True(file.IsLabelled);
        Assert.Equal(new DateTime(2020, 3, 9, 10, 14, 35, DateTimeKind.Utc), file.Timestamps[1]);
        Assert.Equal(DateTimeKind.Utc, file.Timestamps[0].Kind);
        Assert.Equal([0.0261697, 0.0404525, 1.35399, 0.382638, 79.5158, 26.0258, 236.04, 32.0], file.Channels(1).ToArray());
        Assert.Equal([false, true], file.Anomaly!);
        Assert.Equal([false, true], file.Changepoint!);
    }

    [Fact]
    public void Read_AnomalyFreeFile_HasNoLabels()
    {
        var file = SkabCsv.Read(new StringReader(Header + "\n2020-02-08 13:30:47;0.202394;0.275154;2.16975;0.382638;90.6454;26.8508;238.852;122.664\n"), SkabCorpus.AnomalyFreeName);

        Assert.False(file.IsLabelled);
        Assert.Null(file.Anomaly);
        Assert.Equal(122.664, file.Channels(0)[7]);
    }

    [Theory]
    [InlineData("datetime;Current;Accelerometer1RMS;Accelerometer2RMS;Pressure;Temperature;Thermocouple;Voltage;Volume Flow RateRMS\n", "header")]
    [InlineData(Header + ";anomaly;changepoint\n2020-03-09 10:14:33;1;2;3;4;5;6;7;8;0.5;0.0\n", "neither 0 nor 1")]
    [InlineData(Header + "\n2020-03-09T10:14:33;1;2;3;4;5;6;7;8\n", "line 2")]
    [InlineData(Header + "\n2020-03-09 10:14:33;1;2;3;4;5;6;7\n", "8 cells")]
    public void Read_MalformedFile_SaysWhat(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SkabCsv.Read(new StringReader(text), "other/1"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SkabFile_RowsOutOfTimeOrder_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => SkabTestFiles.Make("other/1", 3, time: row => SkabTestFiles.Start.AddSeconds(row == 2 ? 0 : row)));
        Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
    }

    // The counts LEADERBOARD.md gives for the data: 34 labelled files (16 + 4 + 14), 37,401 labelled rows,
    // 129 changepoints of which 127 after row 400 ("Amount of true anomalies 127" in the notebooks), 9,405
    // anomaly-free rows.
    [SharedDataFact("skab")]
    public void Corpus_IsSkabV09()
    {
        var data = Path.Combine(Repo.SharedData, "skab", "data");

        var files = SkabCorpus.LoadLabelled(data);

        Assert.Equal(34, files.Count);
        Assert.Equal(["valve1/0", "valve1/1", "valve1/2"], files.Take(3).Select(f => f.Name));
        Assert.Equal(16, files.Count(f => f.Name.StartsWith("valve1/", StringComparison.Ordinal)));
        Assert.Equal(4, files.Count(f => f.Name.StartsWith("valve2/", StringComparison.Ordinal)));
        Assert.Equal(14, files.Count(f => f.Name.StartsWith("other/", StringComparison.Ordinal)));
        Assert.Equal("other/14", files[^1].Name);
        Assert.Equal(37_401, files.Sum(f => f.RowCount));
        Assert.Equal(129, files.Sum(f => f.Changepoint!.Count(c => c)));
        Assert.Equal(127, files.Sum(f => f.Changepoint!.Skip(400).Count(c => c)));
        Assert.InRange(files.Min(f => f.RowCount), 745, 1327);
        Assert.InRange(files.Max(f => f.RowCount), 745, 1327);
        var free = SkabCorpus.LoadAnomalyFree(data);
        Assert.Equal(9_405, free.RowCount);
        Assert.False(free.IsLabelled);
    }
}
