using System.Globalization;
using EdgeStream.Core.Events;
using EdgeStream.Core.Events.Serialization;
using EdgeStream.Core.Sources;
using EdgeStream.Mqtt.Broker;
using EdgeStream.Mqtt.Options;
using EdgeStream.Mqtt.Outbox;
using EdgeStream.Mqtt.Publishing;
using EdgeStream.Mqtt.Sensors;
using EdgeStream.Mqtt.Tests.TestSupport;
using EdgeStream.TestSupport.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Mqtt.Tests.Contracts;

/// <summary>
/// A sensor topic on the real MQTTnet broker, fed every 10 ms by a publisher (CSV payloads with increasing
/// timestamps) until the test ends: a live input.
/// </summary>
public sealed class MqttSensorSourceContract : StreamSourceContract, IAsyncLifetime
{
    private const string Topic = "plant/pump1";
    private readonly TaskCompletionSource _testEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TestBroker? _broker;
    private Task? _feeder;

    protected override string StreamId => "pump1";

    protected override int StepLength => 2;

    protected override bool Finite => false;

    protected override async Task<IStreamSource> CreateSourceAsync()
    {
        if (_broker is null)
        {
            _broker = await TestBroker.StartAsync();
            _feeder = FeedAsync(_broker, _testEnded.Task);
        }

        return new MqttSensorSource(StreamId, new MqttSensorOptions { Topic = Topic, Channels = ["temp", "flow"] }, _broker.Settings());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _testEnded.TrySetResult();
        if (_feeder is not null)
        {
            await _feeder;
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    private static async Task FeedAsync(TestBroker broker, Task testEnded)
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; !testEnded.IsCompleted; i++)
        {
            await broker.PublishAsync(Topic, string.Create(CultureInfo.InvariantCulture, $"{t0.AddSeconds(i):O},{i}.5,{10 + i}"));
            await Task.WhenAny(Task.Delay(10), testEnded);
        }
    }
}

/// <summary>Events read back by a subscriber on the broker, as a consumer reads them.</summary>
public abstract class MqttSinkContract : EventSinkContract, IAsyncLifetime
{
    private MqttProbe? _probe;

    protected EmbeddedBroker? Broker { get; private set; }

    public async Task InitializeAsync()
    {
        Broker = await EmbeddedBroker.StartAsync(new EmbeddedBrokerOptions { Port = 0 }, NullLogger.Instance);
        _probe = await MqttProbe.StartAsync(Broker.Port, "edgestream/+/+/events");
    }

    protected MqttOptions External() => new() { Broker = Broker!.Uri, PublishTimeoutSeconds = 30 };

    protected override async Task<IReadOnlyList<string>> DeliveredLabelsAsync(IEventSink sink, int count)
    {
        var labels = new List<string>();
        while (labels.Count < count)
        {
            labels.Add(EventJson.DeserializeEvent((await _probe!.NextAsync()).Payload).Label);
        }

        return labels;
    }

    public virtual async Task DisposeAsync()
    {
        if (_probe is not null)
        {
            await _probe.DisposeAsync();
        }

        if (Broker is not null)
        {
            await Broker.DisposeAsync();
        }
    }
}

public sealed class MqttEventSinkContract : MqttSinkContract
{
    protected override async Task<IEventSink> CreateAsync() => await MqttEventSink.StartAsync(External(), Samples.Online(), NullLoggerFactory.Instance);
}

/// <summary>The outbox in front of MQTT, on a real SQLite file.</summary>
public sealed class OutboxEventSinkContract : MqttSinkContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("edgestream-outbox-contract-").FullName;

    protected override async Task<IEventSink> CreateAsync()
    {
        var link = await MqttDeviceLink.StartAsync(External(), Samples.Online(), NullLoggerFactory.Instance);
        return OutboxEventSink.Start(link, new OutboxOptions(), Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"), NullLoggerFactory.Instance);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
