using EdgeStream.Sensors.Csv;
using EdgeStream.Sensors.Tests.TestSupport;
using EdgeStream.TestSupport.Sensors;
using Xunit.Abstractions;

namespace EdgeStream.Sensors.Tests.RealData;

/// <summary>
/// Every NAB and SKAB file from ../shared/data replays to its end. The only rejects allowed are the real
/// timestamp defects these files have (repeated hours at DST changes, duplicated or rewound rows), counted
/// against the last accepted sample; they are listed here so that a change in the rules is noticed.
/// </summary>
public sealed class PublicDataReplayTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, int> NabTimestampDefects = new(StringComparer.Ordinal)
    {
        ["realAWSCloudwatch/ec2_disk_write_bytes_1ef3de.csv"] = 11,
        ["realAWSCloudwatch/ec2_network_in_5abac7.csv"] = 11,
        ["realAdExchange/exchange-2_cpc_results.csv"] = 1,
        ["realAdExchange/exchange-2_cpm_results.csv"] = 1,
        ["realKnownCause/ec2_request_latency_system_failure.csv"] = 11,
        ["realKnownCause/machine_temperature_system_failure.csv"] = 12,
        ["realTraffic/occupancy_t4013.csv"] = 1,
        ["realTraffic/speed_t4013.csv"] = 1,
    };

    private static readonly string[] ModelChannelNames =
        ["Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure", "Temperature", "Thermocouple", "Voltage", "VolumeFlowRateRMS"];

    [SharedDataFact("nab/data")]
    public async Task RunAsync_EveryNabFile_ReplaysFullyWithOnlyItsKnownTimestampDefectsRejected()
    {
        var root = Path.Combine(RepoPaths.SharedData, "nab", "data");
        var files = Directory.GetFiles(root, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        long total = 0;
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(root, file).Replace('\\', '/');
            var writer = await ReplayAsync(file, 1);
            var expected = NabTimestampDefects.GetValueOrDefault(name);

            Assert.True(expected == writer.Rejects.Count, $"{name}: {writer.Rejects.Count} rejects, expected {expected}: {string.Join(" | ", writer.Rejects.Take(3))}");
            Assert.All(writer.Rejects, r => Assert.Matches("duplicate timestamp|out of order", r));
            Assert.Equal(DataRows(file), writer.Written + writer.Rejects.Count);
            total += writer.Written;
        }

        output.WriteLine($"NAB: {files.Count} files, {total} samples replayed");
    }

    [SharedDataFact("skab/data")]
    public async Task RunAsync_EverySkabFile_ReplaysFullyWithoutRejectsAndWithoutLabelColumns()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.SharedData, "skab", "data"), "*.csv", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        long total = 0;
        foreach (var file in files)
        {
            var writer = await ReplayAsync(file, 8);

            Assert.True(writer.Rejects.Count == 0, $"{file}: {string.Join(" | ", writer.Rejects.Take(3))}");
            Assert.Equal(DataRows(file), writer.Written);
            total += writer.Written;
        }

        output.WriteLine($"SKAB: {files.Length} files, {total} samples replayed");
    }

    [SharedDataFact("skab/data/valve1")]
    public async Task RunAsync_SkabWithModelChannelNames_ValuesOfTheFirstRowInModelOrder()
    {
        var file = Path.Combine(RepoPaths.SharedData, "skab", "data", "valve1", "1.csv");
        var writer = new RecordingWriter(8);

        await new CsvReplaySource("skab", new CsvReplayOptions { Path = file, RealTime = false, Channels = ModelChannelNames })
            .RunAsync(writer, CancellationToken.None);

        var first = File.ReadLines(file).Skip(1).First().Split(';');
        Assert.Equal(first[1..9].Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)), writer.Steps[0].Values);
        Assert.Empty(writer.Rejects);
    }

    private static async Task<RecordingWriter> ReplayAsync(string file, int channels)
    {
        var writer = new RecordingWriter(channels, keepValues: false);
        await new CsvReplaySource("replay", new CsvReplayOptions { Path = file, RealTime = false }).RunAsync(writer, CancellationToken.None);
        Assert.Equal(0, writer.Outstanding);
        return writer;
    }

    private static long DataRows(string file) => File.ReadLines(file).Skip(1).LongCount(l => !string.IsNullOrWhiteSpace(l));
}
