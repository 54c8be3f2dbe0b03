using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace EdgeStream.Core.Events;

/// <summary>
/// An event's id as a function of what it describes (docs/events.md, "Event id"): device, stream, source, model file,
/// type, phase, label, when the occurrence started and the window it was decided on. A replay of the same input,
/// killed and started again, gives its events the ids they had, so a subscriber de-duplicates re-sent events by id.
/// A UUID version 8 (RFC 9562): its 122 free bits are the first bits of a SHA-256 over those fields.
/// </summary>
public static class EventId
{
    /// <summary>Changes only when the fields or their encoding change; old and new ids then differ for the same event.</summary>
    private const string Scheme = "edgestream-event-id/1";

    /// <summary>What an event describes, in the order hashed.</summary>
    public readonly record struct Fields(
        string Device, string Stream, string Source, string ModelSha256, EventType Type, EventPhase Phase, string Label, DateTimeOffset StartedAt, WindowInfo Window);

    public static Guid Of(in Fields e)
    {
        ArgumentNullException.ThrowIfNull(e.Window);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var text in (ReadOnlySpan<string>)[Scheme, e.Device, e.Stream, e.Source, e.ModelSha256, e.Type.ToString(), e.Phase.ToString(), e.Label])
        {
            // Length-prefixed, so no two field lists encode alike ("a" + "bc" is not "ab" + "c").
            var bytes = Encoding.UTF8.GetBytes(text);
            Append(hash, bytes.Length);
            hash.AppendData(bytes);
        }

        foreach (var number in (ReadOnlySpan<long>)[e.StartedAt.UtcTicks, e.Window.FirstFrame, e.Window.LastFrame, e.Window.FirstTimestamp.UtcTicks, e.Window.LastTimestamp.UtcTicks])
        {
            Append(hash, number);
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        var id = digest[..16];
        id[6] = (byte)((id[6] & 0x0F) | 0x80); // version 8
        id[8] = (byte)((id[8] & 0x3F) | 0x80); // variant 10
        return new Guid(id, bigEndian: true);
    }

    private static void Append(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        hash.AppendData(bytes);
    }
}
