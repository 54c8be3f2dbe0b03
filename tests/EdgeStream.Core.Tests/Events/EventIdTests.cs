using EdgeStream.Core.Events;

namespace EdgeStream.Core.Tests.Events;

public sealed class EventIdTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly EventId.Fields Fall = new(
        "dev", "cam1", "rtsp://cam1/main", "ab12", EventType.Action, EventPhase.Start, "fall", T0, new WindowInfo(10, 25, T0.AddSeconds(-1.5), T0, 16, 0));

    [Fact]
    public void Of_SameFields_SameIdAndAVersion8Uuid()
    {
        var id = EventId.Of(Fall);

        Assert.Equal(id, EventId.Of(Fall with { Window = Fall.Window with { } }));
        Assert.Equal(8, id.Version);
        Assert.Equal(0b10, id.Variant >> 2); // RFC 9562's variant
    }

    [Fact]
    public void Of_AnyFieldChanged_AnotherId()
    {
        EventId.Fields[] others =
        [
            Fall with { Device = "dev2" },
            Fall with { Stream = "cam2" },
            Fall with { Source = "rtsp://cam1/sub" },
            Fall with { ModelSha256 = "cd34" },
            Fall with { Type = EventType.Anomaly },
            Fall with { Phase = EventPhase.End },
            Fall with { Label = "walk" },
            Fall with { StartedAt = T0.AddTicks(1) },
            Fall with { Window = Fall.Window with { FirstFrame = 11 } },
            Fall with { Window = Fall.Window with { LastFrame = 26 } },
            Fall with { Window = Fall.Window with { FirstTimestamp = T0.AddSeconds(-1.4) } },
            Fall with { Window = Fall.Window with { LastTimestamp = T0.AddTicks(1) } },
            Fall with { Device = "devc", Stream = "am1" }, // the same characters, split elsewhere
        ];

        var ids = others.Select(f => EventId.Of(f)).Append(EventId.Of(Fall)).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Of_StepsUsedAndDropped_NotPartOfTheId()
    {
        // How many steps a window used and how many were dropped for freshness follow the machine's load, not the event.
        var window = Fall.Window with { FramesUsed = 15, FramesDropped = 3 };

        Assert.Equal(EventId.Of(Fall), EventId.Of(Fall with { Window = window }));
    }
}
