using EdgeStream.Core.Sources;
using EdgeStream.Sensors.Csv;
using EdgeStream.Sensors.Tests.TestSupport;
using EdgeStream.TestSupport.Contracts;
using EdgeStream.TestSupport.Sensors;

namespace EdgeStream.Sensors.Tests.Contracts;

/// <summary>A small sensor CSV file (our format: timestamp and two channels), written per test.</summary>
public abstract class CsvSourceContract : StreamSourceContract, IDisposable
{
    private readonly TempFiles _files = new();

    protected override string StreamId => "csv";

    protected override int StepLength => 2;

    protected string Csv() => _files.Write(
        "s.csv",
        [.. new[] { "timestamp,temp,flow" }.Concat(Enumerable.Range(0, 8).Select(i => $"2024-01-01T00:00:{i:00}Z,{i}.5,{10 + i}"))]);

    public void Dispose()
    {
        _files.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The file read to its end, fast.</summary>
public sealed class CsvReplaySourceContract : CsvSourceContract
{
    protected override bool Finite => true;

    protected override int StepsToSee => 8;

    protected override Task<IStreamSource> CreateSourceAsync() =>
        Task.FromResult<IStreamSource>(new CsvReplaySource(StreamId, new CsvReplayOptions { Path = Csv(), RealTime = false }));
}

/// <summary>The file looped (a live input; timestamps keep increasing across passes).</summary>
public sealed class LoopedCsvReplaySourceContract : CsvSourceContract
{
    protected override bool Finite => false;

    protected override int StepsToSee => 20;

    protected override Task<IStreamSource> CreateSourceAsync() =>
        Task.FromResult<IStreamSource>(new CsvReplaySource(StreamId, new CsvReplayOptions { Path = Csv(), RealTime = false, Loop = true }));
}

/// <summary>The recording writer the sensor and MQTT source tests share.</summary>
public sealed class SensorRecordingWriterContract : StepWriterContract
{
    protected override IStepWriter Create() => new RecordingWriter(Length);
}
