using EdgeStream.Evaluation.Nab;

namespace EdgeStream.Evaluation.Tests.Nab;

public sealed class NabLoadingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nab-loading-").FullName;

    private static string Nab(params string[] parts) => Path.Combine([Repo.SharedData, "nab", .. parts]);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("2014-02-19 10:50:00")]
    [InlineData("2014-02-19 10:50:00.000000")]
    public void Both_NAB_timestamp_spellings_parse_to_the_same_instant(string text) =>
        Assert.Equal(new DateTime(2014, 2, 19, 10, 50, 0), NabTimestamps.Parse(text));

    [Fact]
    public void A_results_folder_maps_detector_files_to_data_files()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "det", "realX"));
        File.WriteAllText(Path.Combine(_folder, "det", "det_standard_scores.csv"), "Detector,Profile\n");
        File.WriteAllText(
            Path.Combine(_folder, "det", "realX", "det_some_file.csv"),
            "timestamp,value,anomaly_score,label\n2014-01-01 00:00:00,1.5,0.25,0\n2014-01-01 00:05:00,2,1.0,1\n");

        var rows = Assert.Single(NabCsv.ReadDetectorResults(Path.Combine(_folder, "det"), "det"));

        Assert.Equal("realX/some_file.csv", rows.File);
        Assert.Equal("realX", rows.Category);
        Assert.Equal([0.25, 1.0], rows.Scores);
        Assert.Equal(new DateTime(2014, 1, 1, 0, 5, 0), rows.Timestamps[1]);
    }

    [Fact]
    public void A_malformed_row_names_its_file_and_line()
    {
        var path = Path.Combine(_folder, "bad.csv");
        File.WriteAllText(path, "timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00,x\n");
        var error = Assert.Throws<InvalidDataException>(() => NabCsv.ReadData(path));
        Assert.Contains("bad.csv:3", error.Message, StringComparison.Ordinal);
    }

    [SharedDataFact("nab")]
    public void The_profiles_file_holds_the_three_built_in_profiles() =>
        Assert.Equal(NabProfile.All, NabProfile.Load(Nab("config", "profiles.json")));

    [SharedDataFact("nab")]
    public void The_labels_hold_58_files_and_116_windows()
    {
        var labels = NabLabels.Load(Nab("labels", "combined_windows.json"));

        Assert.Equal(58, labels.Files.Count);
        Assert.Equal(116, labels.WindowCount);
        Assert.Empty(labels.WindowsFor("artificialNoAnomaly/art_flatline.csv"));
        Assert.Equal(
            new NabWindow(new DateTime(2014, 10, 30, 15, 30, 0), new DateTime(2014, 11, 3, 22, 30, 0)),
            labels.WindowsFor("realKnownCause/nyc_taxi.csv")[0]);
    }

    [SharedDataFact("nab")]
    public void A_data_file_reads_every_row()
    {
        var rows = NabCsv.ReadData(Nab("data", "realKnownCause", "nyc_taxi.csv"));

        Assert.Equal(10320, rows.Values.Count);
        Assert.Equal((new DateTime(2014, 7, 1), 10844.0), (rows.Timestamps[0], rows.Values[0]));
    }

    [SharedDataFact("nab")]
    public void Every_window_limit_of_the_corpus_is_a_row_of_its_data_file()
    {
        var labels = NabLabels.Load(Nab("labels", "combined_windows.json"));
        foreach (var file in labels.Files)
        {
            var data = NabCsv.ReadData(Nab("data", file));
            var score = NabScorer.ScoreFile(new NabFileRows(file, data.Timestamps, new double[data.Values.Count]), labels.WindowsFor(file), NabProfile.Standard, 1.0);
            Assert.All(score.Windows, w => Assert.True(w.Scored, $"{file}: a window lies in the probationary period"));
        }
    }
}
