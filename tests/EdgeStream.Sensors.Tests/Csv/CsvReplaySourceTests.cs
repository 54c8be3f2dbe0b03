using EdgeStream.Core.Sources;
using EdgeStream.Sensors.Csv;
using EdgeStream.Sensors.Tests.TestSupport;
using EdgeStream.TestSupport.Sensors;

namespace EdgeStream.Sensors.Tests.Csv;

public sealed class CsvReplaySourceTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task RunAsync_OurFormat_EverySampleWithValuesAndTimestamps()
    {
        var path = _files.Write("ours.csv",
            "timestamp,temp,flow",
            "2024-01-01T00:00:00Z,1.5,10",
            "2024-01-01T00:00:01Z,2.5,11",
            "2024-01-01T00:00:02Z,-3e-1,12");
        var writer = new RecordingWriter(2);

        await Fast(path).RunAsync(writer, CancellationToken.None);

        Assert.Equal([0L, 1, 2], writer.Steps.Select(s => s.Sequence));
        Assert.Equal([T0, T0.AddSeconds(1), T0.AddSeconds(2)], writer.Steps.Select(s => s.Timestamp));
        Assert.Equal([1.5f, 10f], writer.Steps[0].Values);
        Assert.Equal([-0.3f, 12f], writer.Steps[2].Values);
        Assert.Empty(writer.Rejects);
        Assert.Equal(0, writer.Outstanding);
    }

    [Fact]
    public async Task RunAsync_LoopedFile_ReportsOnlineOnceWhenTheFileIsOpenBeforeTheFirstSample()
    {
        var path = _files.Write("s.csv", "timestamp,v", "2024-01-01T00:00:00Z,1", "2024-01-01T00:00:01Z,2");
        var writer = new RecordingWriter(1);
        var onlineAtFirstSample = new List<int>();
        using var stop = new CancellationTokenSource();
        writer.AfterWrite = w =>
        {
            onlineAtFirstSample.Add(w.Health.Count);
            if (w.Written == 6)
            {
                stop.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new CsvReplaySource("s1", new CsvReplayOptions { Path = path, RealTime = false, Loop = true }).RunAsync(writer, stop.Token));

        Assert.Equal((StreamHealth.Online, (string?)null), Assert.Single(writer.Health));
        Assert.Equal(1, onlineAtFirstSample[0]);
    }

    [Fact]
    public async Task RunAsync_NabStyle_OneChannel()
    {
        var path = _files.Write("nab.csv",
            "timestamp,value",
            "2014-04-01 00:00:00,20.0",
            "2014-04-01 00:05:00,18.324918539200002");
        var writer = new RecordingWriter(1);

        await Fast(path).RunAsync(writer, CancellationToken.None);

        Assert.Equal([new DateTimeOffset(2014, 4, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2014, 4, 1, 0, 5, 0, TimeSpan.Zero)],
            writer.Steps.Select(s => s.Timestamp));
        Assert.Equal(18.324918539200002f, writer.Steps[1].Values[0]);
    }

    [Fact]
    public async Task RunAsync_SkabStyle_SemicolonsAndLabelColumnsDropped()
    {
        var path = _files.Write("skab.csv",
            "datetime;Accelerometer1RMS;Current;Volume Flow RateRMS;anomaly;changepoint",
            "2020-02-08 18:47:32;0.250627;2.39811;17.4493;0.0;0.0",
            "2020-02-08 18:47:33;0.248;2.5;18;1.0;1.0");
        var writer = new RecordingWriter(3);

        await Fast(path).RunAsync(writer, CancellationToken.None);

        Assert.Equal([0.250627f, 2.39811f, 17.4493f], writer.Steps[0].Values);
        Assert.Equal([0.248f, 2.5f, 18f], writer.Steps[1].Values);
        Assert.Empty(writer.Rejects);
    }

    [Fact]
    public async Task RunAsync_ChannelsByModelName_ReplaysThoseInThatOrder()
    {
        var path = _files.Write("skab.csv",
            "datetime;Current;Volume Flow RateRMS;anomaly",
            "2020-02-08 18:47:32;2.4;17.4;0.0");
        var writer = new RecordingWriter(2);

        await Fast(path, ["VolumeFlowRateRMS", "Current"]).RunAsync(writer, CancellationToken.None);

        Assert.Equal([17.4f, 2.4f], writer.Steps[0].Values);
    }

    [Fact]
    public async Task RunAsync_BadLines_EachRejectedWithLineAndReasonAndReplayGoesOn()
    {
        var path = _files.Write("bad.csv",
            "timestamp,temp,flow",                   // line 1
            "2024-01-01T00:00:00Z,1,2",              // 2 ok
            "2024-01-01T00:00:01Z,1",                // 3 too few fields
            "2024-01-01T00:00:01Z,1,2,3",            // 4 too many fields
            "2024-01-01T00:00:01Z,abc,2",            // 5 not a number
            "2024-01-01T00:00:01Z,1,NaN",            // 6 NaN
            "2024-01-01T00:00:01Z,Infinity,2",       // 7 infinite
            "soon,1,2",                              // 8 bad timestamp
            "2024-01-01T00:00:00Z,1,2",              // 9 duplicate of line 2
            "",                                      // 10 blank: skipped silently
            "2024-01-01T00:00:05Z,5,5",              // 11 ok
            "2024-01-01T00:00:04Z,4,4",              // 12 out of order
            "2024-01-01T00:00:06Z,6,6");             // 13 ok
        var writer = new RecordingWriter(2);

        await Fast(path).RunAsync(writer, CancellationToken.None);

        Assert.Equal(
            [
                "line 3: expected 3 fields as in the header, got 2",
                "line 4: expected 3 fields as in the header, got 4",
                "line 5: channel 'temp' is not a number: 'abc'",
                "line 6: channel 'flow' is NaN",
                "line 7: channel 'temp' is not finite: 'Infinity'",
                "line 8: timestamp is not a valid time (ISO-8601, 'yyyy-MM-dd HH:mm:ss' or unix seconds): 'soon'",
                "line 9: duplicate timestamp 2024-01-01T00:00:00Z (same as the previous sample)",
                "line 12: timestamp 2024-01-01T00:00:04Z is before the previous sample's 2024-01-01T00:00:05Z (out of order)",
            ],
            writer.Rejects);
        Assert.Equal([1f, 5f, 6f], writer.Steps.Select(s => s.Values[0]));
        Assert.Equal([0L, 1, 2], writer.Steps.Select(s => s.Sequence));
        Assert.Equal(0, writer.Outstanding);
    }

    [Fact]
    public async Task RunAsync_UnixSecondsAndQuotedFields_Parsed()
    {
        var path = _files.Write("unix.csv", "\"ts\",\"v\"", "\"1704067200\",\"1.25\"", "1704067200.5,2");
        var writer = new RecordingWriter(1);

        await Fast(path).RunAsync(writer, CancellationToken.None);

        Assert.Equal([T0, T0.AddMilliseconds(500)], writer.Steps.Select(s => s.Timestamp));
        Assert.Equal(1.25f, writer.Steps[0].Values[0]);
    }

    [Fact]
    public async Task RunAsync_ChannelCountNotTheStreams_ThrowsNamingBoth()
    {
        var path = _files.Write("three.csv", "timestamp,a,b,c", "2024-01-01T00:00:00Z,1,2,3");

        var ex = await Assert.ThrowsAsync<SensorSourceException>(() => Fast(path).RunAsync(new RecordingWriter(8), CancellationToken.None));

        Assert.Contains("replays 3 channels (a, b, c) but stream 's1' takes 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EmptyFile_ThrowsClearly()
    {
        var path = _files.Write("empty.csv", "");

        var ex = await Assert.ThrowsAsync<SensorSourceException>(() => Fast(path).RunAsync(new RecordingWriter(1), CancellationToken.None));

        Assert.Equal($"Sensor file {path} is empty: it needs a header row and samples.", ex.Message);
    }

    [Fact]
    public async Task RunAsync_Loop_TimestampsKeepRisingAcrossPasses()
    {
        var path = _files.Write("loop.csv",
            "timestamp,v",
            "2024-01-01T00:00:00Z,0",
            "2024-01-01T00:00:02Z,1",
            "2024-01-01T00:00:03Z,2");
        using var stop = new CancellationTokenSource();
        var writer = new RecordingWriter(1) { AfterWrite = w => { if (w.Written == 8) { stop.Cancel(); } } };
        var source = new CsvReplaySource("s1", new CsvReplayOptions { Path = path, RealTime = false, Loop = true });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.RunAsync(writer, stop.Token));

        // Each pass starts one first-interval (2 s) after the previous pass's last sample: 3 + 2 = 5 s later.
        Assert.Equal([0d, 2, 3, 5, 7, 8, 10, 12], writer.Steps.Take(8).Select(s => (s.Timestamp - T0).TotalSeconds));
        Assert.Equal([0f, 1, 2, 0, 1, 2, 0, 1], writer.Steps.Take(8).Select(s => s.Values[0]));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => (long)i), writer.Steps.Take(8).Select(s => s.Sequence));
    }

    [Fact]
    public async Task RunAsync_LoopWithNoValidLine_EndsInsteadOfSpinning()
    {
        var path = _files.Write("allbad.csv", "timestamp,v", "2024-01-01T00:00:00Z,x");
        var writer = new RecordingWriter(1);

        await new CsvReplaySource("s1", new CsvReplayOptions { Path = path, RealTime = false, Loop = true }).RunAsync(writer, CancellationToken.None);

        Assert.Equal(["line 2: channel 'v' is not a number: 'x'"], writer.Rejects);
        Assert.Equal(0, writer.Written);
    }

    private static CsvReplaySource Fast(string path, IReadOnlyList<string>? channels = null) =>
        new("s1", new CsvReplayOptions { Path = path, RealTime = false, Channels = channels });
}
