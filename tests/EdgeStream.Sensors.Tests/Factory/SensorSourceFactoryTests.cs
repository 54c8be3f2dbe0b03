using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Sensors.Csv;
using EdgeStream.Sensors.Factory;
using EdgeStream.Sensors.Payloads;
using EdgeStream.Sensors.Tests.TestSupport;
using EdgeStream.TestSupport.Sensors;

namespace EdgeStream.Sensors.Tests.Factory;

public sealed class SensorSourceFactoryTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Create_RelativeCsvWithSettings_ReplaysFromBaseDirectoryWithThoseChannels()
    {
        _files.Write("pump.csv", "timestamp,a,b,c", "2024-01-01T00:00:00Z,1,2,3");
        var factory = new SensorSourceFactory(_files.Root);
        var writer = new RecordingWriter(2);

        var source = factory.Create(new SensorStreamRequest("pump", "csv:pump.csv?pacing=fast&channels=c,a"));
        await source.RunAsync(writer, CancellationToken.None);

        Assert.IsType<CsvReplaySource>(source);
        Assert.Equal("pump", source.StreamId);
        Assert.Equal([3f, 1f], writer.Steps[0].Values);
    }

    [Fact]
    public void Create_StreamOptions_MapsPacingAndLoop()
    {
        _files.Write("s.csv", "timestamp,v", "2024-01-01T00:00:00Z,1");
        var factory = new SensorSourceFactory(_files.Root);

        var source = factory.Create(new StreamOptions { Id = "s", Uri = "s.csv", Pacing = "fast", Loop = true });

        Assert.IsType<CsvReplaySource>(source);
        var ex = Assert.Throws<ArgumentException>(() => factory.Create(new StreamOptions { Id = "s", Uri = "s.csv", Pacing = "slow" }));
        Assert.StartsWith("Stream 's': Pacing 'slow' must be realtime or fast.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingFile_ThrowsNamingStreamAndPath()
    {
        var factory = new SensorSourceFactory(_files.Root);

        var ex = Assert.Throws<SensorSourceException>(() => factory.Create(new SensorStreamRequest("s", "csv:nope.csv")));

        Assert.Equal($"Stream 's': sensor file {Path.Combine(_files.Root, "nope.csv")} not found.", ex.Message);
    }

    [Fact]
    public void Create_ModelChannelMissingFromFile_ThrowsAtCreate()
    {
        _files.Write("s.csv", "timestamp,v", "2024-01-01T00:00:00Z,1");
        var factory = new SensorSourceFactory(_files.Root);

        var ex = Assert.Throws<SensorSourceException>(() => factory.Create(new SensorStreamRequest("s", "s.csv") { Channels = ["Pressure"] }));

        Assert.Equal("Stream 's': Channel 'Pressure' is not a column of the file (columns: timestamp, v).", ex.Message);
    }

    [Theory]
    [InlineData("csv:s.csv?speed=0", "Stream 's': speed '0' must be a positive number.")]
    [InlineData("csv:s.csv?pacing=slow", "Stream 's': pacing 'slow' must be realtime or fast.")]
    [InlineData("csv:s.csv?loop=maybe", "Stream 's': loop 'maybe' must be true or false.")]
    [InlineData("mqtt:t?format=xml", "Stream 's': format 'xml' must be auto, json or csv.")]
    public void Create_BadSetting_ThrowsNamingIt(string uri, string message)
    {
        _files.Write("s.csv", "timestamp,v", "2024-01-01T00:00:00Z,1");
        var factory = new SensorSourceFactory(_files.Root, request => new TopicSource(request));

        var ex = Assert.Throws<ArgumentException>(() => factory.Create(new SensorStreamRequest("s", uri)));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MqttTopic_HandsTopicFormatAndChannelsToTheTopicSources()
    {
        var factory = new SensorSourceFactory(_files.Root, request => new TopicSource(request));

        var source = factory.Create(new SensorStreamRequest("pump1", "mqtt:plant/pump1?format=json&channels=temp,flow"));

        var topic = Assert.IsType<TopicSource>(source);
        Assert.Equal("pump1", topic.StreamId);
        Assert.Equal(("plant/pump1", SensorPayloadFormat.Json), (topic.Request.Topic, topic.Request.Format));
        Assert.Equal(["temp", "flow"], topic.Request.Channels);
    }

    [Fact]
    public void Create_MqttWithoutMqtt_ThrowsClearly()
    {
        var ex = Assert.Throws<SensorSourceException>(() => new SensorSourceFactory(_files.Root).Create(new SensorStreamRequest("s", "mqtt:t")));
        Assert.Equal("Stream 's': mqtt: sensor streams need MQTT (EdgeStream:Mqtt:Enabled).", ex.Message);
    }

    /// <summary>What the MQTT adapter would make (its own tests cover that): here only what the factory asked for.</summary>
    private sealed class TopicSource(SensorTopicRequest request) : IStreamSource
    {
        public SensorTopicRequest Request => request;

        public string StreamId => request.StreamId;

        public Task RunAsync(IStepWriter writer, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
