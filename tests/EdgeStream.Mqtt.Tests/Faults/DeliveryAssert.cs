using EdgeStream.Mqtt.Tests.TestSupport;

namespace EdgeStream.Mqtt.Tests.Faults;

/// <summary>The delivery guarantee as a subscriber checks it: every id at least once, in order per stream, duplicates identical.</summary>
internal static class DeliveryAssert
{
    /// <summary>Asserts the guarantee and returns how many copies were duplicates.</summary>
    public static int AtLeastOnceInOrder(IReadOnlyList<ProducedEvent> produced, IReadOnlyList<ReceivedEvent> received)
    {
        var missing = produced.Select(e => e.Id).Except(received.Select(r => r.Id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {produced.Count} events never reached the subscriber");

        // A duplicate is the same id with byte-identical payload: recognisable, and harmless to a subscriber that de-duplicates by id.
        var firstCopy = new Dictionary<Guid, string>();
        var duplicates = 0;
        foreach (var r in received)
        {
            if (!firstCopy.TryAdd(r.Id, r.PayloadSha256))
            {
                duplicates++;
                Assert.Equal(firstCopy[r.Id], r.PayloadSha256);
            }
        }

        var sent = produced.ToDictionary(e => e.Id, e => e.PayloadSha256);
        Assert.All(firstCopy, pair => Assert.Equal(sent[pair.Key], pair.Value));

        foreach (var stream in produced.Select(e => e.Stream).Distinct())
        {
            var expected = produced.Where(e => e.Stream == stream).Select(e => e.Id).ToList();
            var delivered = received.Where(r => r.Stream == stream).Select(r => r.Id).Distinct().ToList();
            Assert.Equal(expected, delivered);
        }
        return duplicates;
    }
}
