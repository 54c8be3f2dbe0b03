using System.Text.Json;
using EdgeStream.Sensors.Csv;
using EdgeStream.Sensors.Tests.TestSupport;
using EdgeStream.TestSupport.Sensors;
using Xunit.Abstractions;

namespace EdgeStream.Sensors.Tests.RealData;

/// <summary>The sensor CSVs shipped in models/samples/sensors replay without a reject, with the channels their sidecar names.</summary>
public sealed class BundledSamplesTests(ITestOutputHelper output)
{
    [BundledSensorSamplesFact]
    public async Task RunAsync_EveryBundledSensorCsv_ReplaysWithoutRejectsInSidecarChannels()
    {
        var files = Directory.GetFiles(RepoPaths.SensorSamples, "*.csv");
        foreach (var file in files)
        {
            var sidecar = Path.ChangeExtension(file, ".json");
            Assert.True(File.Exists(sidecar), $"{file} has no sidecar {sidecar}");
            using var meta = JsonDocument.Parse(File.ReadAllText(sidecar));
            var channels = meta.RootElement.GetProperty("channels").EnumerateArray().Select(c => c.GetString()!).ToArray();
            var layout = CsvReplaySource.ReadLayout(file);
            Assert.Equal(channels, layout.ChannelNames);

            var writer = new RecordingWriter(channels.Length, keepValues: false);
            await new CsvReplaySource("sample", new CsvReplayOptions { Path = file, RealTime = false }).RunAsync(writer, CancellationToken.None);

            Assert.Empty(writer.Rejects);
            Assert.Equal(File.ReadLines(file).Skip(1).Count(l => l.Length > 0), writer.Written);
            output.WriteLine($"{Path.GetFileName(file)}: {writer.Written} samples, channels {string.Join(", ", channels)}");
        }
    }
}
