using EdgeStream.Sensors.Csv;
using EdgeStream.Sensors.Tests.TestSupport;
using EdgeStream.TestSupport.Sensors;
using Microsoft.Extensions.Time.Testing;

namespace EdgeStream.Sensors.Tests.Csv;

/// <summary>Real-time pacing on a fake clock: every wait is computed, none is slept.</summary>
public sealed class CsvPacingTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempFiles _files = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly List<TimeSpan> _waits = [];

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(1.0, new[] { 0, 1000, 3000, 3500 })]
    [InlineData(2.0, new[] { 0, 500, 1500, 1750 })]
    [InlineData(0.5, new[] { 0, 2000, 6000, 7000 })]
    public async Task RunAsync_RealTime_SamplesReleasedAtTimestampDeltasOverSpeed(double speed, int[] expectedMs)
    {
        var writer = new RecordingWriter(1);

        await Paced(Sample(), speed).RunAsync(writer, CancellationToken.None);

        Assert.Equal(expectedMs.Select(ms => (double)ms), writer.Steps.Select(s => (s.CapturedAt - Start).TotalMilliseconds));
        Assert.Equal(expectedMs.Zip(expectedMs.Skip(1), (a, b) => (double)(b - a)), _waits.Select(w => w.TotalMilliseconds));
    }

    [Fact]
    public async Task RunAsync_RealTimeSlowConsumer_CatchesUpWithoutWaiting()
    {
        // The clock jumps 10 s while the first sample is handed on: the later samples are already due.
        var writer = new RecordingWriter(1) { AfterWrite = w => { if (w.Written == 1) { _clock.Advance(TimeSpan.FromSeconds(10)); } } };

        await Paced(Sample(), 1).RunAsync(writer, CancellationToken.None);

        Assert.Empty(_waits);
        Assert.Equal(4, writer.Written);
    }

    [Fact]
    public async Task RunAsync_RealTimeLoop_PaceContinuesAcrossTheWrap()
    {
        var path = _files.Write("loop.csv", "timestamp,v", "2024-01-01T00:00:00Z,0", "2024-01-01T00:00:01Z,1");
        using var stop = new CancellationTokenSource();
        var writer = new RecordingWriter(1) { AfterWrite = w => { if (w.Written == 5) { stop.Cancel(); } } };
        var source = new CsvReplaySource("s1", new CsvReplayOptions { Path = path, Loop = true }, _clock, delay: Advance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.RunAsync(writer, stop.Token));

        Assert.Equal([0d, 1, 2, 3, 4], writer.Steps.Select(s => (s.CapturedAt - Start).TotalSeconds));
        Assert.All(_waits, w => Assert.Equal(TimeSpan.FromSeconds(1), w));
    }

    [Fact]
    public async Task RunAsync_DefaultDelayOnTimeProvider_NextSampleOnlyAfterTheClockMoves()
    {
        var writer = new RecordingWriter(1);
        var source = new CsvReplaySource("s1", new CsvReplayOptions { Path = Sample() }, _clock);

        var run = source.RunAsync(writer, CancellationToken.None);
        await writer.WaitUntilAsync(w => w.Written >= 1, "the first sample");

        // The fake clock has not moved, so the source can only be waiting for it.
        Assert.Equal(1, writer.Written);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await writer.WaitUntilAsync(w => w.Written >= 2, "the second sample after 1 s");
        _clock.Advance(TimeSpan.FromSeconds(2.5));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(4, writer.Written);
    }

    private string Sample() => _files.Write("paced.csv",
        "timestamp,v",
        "2024-01-01T00:00:00Z,0",
        "2024-01-01T00:00:01Z,1",
        "2024-01-01T00:00:03Z,2",
        "2024-01-01T00:00:03.5Z,3");

    private CsvReplaySource Paced(string path, double speed) =>
        new("s1", new CsvReplayOptions { Path = path, Speed = speed }, _clock, delay: Advance);

    private Task Advance(TimeSpan wait, CancellationToken cancellationToken)
    {
        _waits.Add(wait);
        _clock.Advance(wait);
        return Task.CompletedTask;
    }
}
