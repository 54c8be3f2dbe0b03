using System.Globalization;
using EdgeStream.Core.Models;

namespace EdgeStream.Onnx.Cuda;

/// <summary>
/// The fixed batch sizes captured as CUDA graphs (one graph each, shapes must not change between replays) and the
/// padding rule: a batch of n runs the graph of the smallest captured size &gt;= n; the rows past n are padding whose
/// outputs nobody reads (windows in a batch are independent). The slot for every n is computed once.
/// </summary>
internal sealed class BatchSizes
{
    private static readonly int[] DefaultSizes = [1, 8];
    private readonly int[] _slotFor;

    private BatchSizes(int[] sizes)
    {
        Sizes = sizes;
        _slotFor = new int[sizes[^1] + 1];
        var slot = 0;
        for (var n = 1; n < _slotFor.Length; n++)
        {
            while (sizes[slot] < n)
            {
                slot++;
            }

            _slotFor[n] = slot;
        }
    }

    /// <summary>Ascending, distinct; the last is the largest batch.</summary>
    public IReadOnlyList<int> Sizes { get; }

    public int Max => Sizes[^1];

    /// <summary>Index into <see cref="Sizes"/> of the graph that runs a batch of <paramref name="batch"/> (1..Max).</summary>
    public int SlotFor(int batch) => batch >= 1 && batch < _slotFor.Length
        ? _slotFor[batch]
        : throw new ArgumentOutOfRangeException(nameof(batch), batch, $"batch must be 1..{Max}.");

    /// <summary>The captured size that runs a batch of <paramref name="batch"/>.</summary>
    public int PaddedSize(int batch) => Sizes[SlotFor(batch)];

    public override string ToString() => string.Join(",", Sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)));

    /// <summary>
    /// From configuration: <paramref name="configured"/> (null or empty: 1, 8 and <paramref name="maxBatch"/>), every size
    /// at most <paramref name="maxBatch"/>, <paramref name="maxBatch"/> always included; then capped at the model's batch
    /// limit (1 for an export with a fixed batch of 1).
    /// </summary>
    public static BatchSizes From(IReadOnlyList<int>? configured, int maxBatch, int modelLimit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        IEnumerable<int> wanted = configured is { Count: > 0 } ? configured : DefaultSizes.Where(s => s <= maxBatch);
        var bad = wanted.Where(s => s < 1 || s > maxBatch).ToArray();
        if (bad.Length > 0)
        {
            throw new ModelLoadException($"Gpu.BatchSizes: {string.Join(", ", bad)} not in 1..MaxBatch ({maxBatch}); every captured batch size must be between 1 and MaxBatch.");
        }

        var limit = Math.Min(maxBatch, Math.Max(1, modelLimit));
        return new BatchSizes(wanted.Append(maxBatch).Select(s => Math.Min(s, limit)).Distinct().Order().ToArray());
    }

    /// <summary>Exactly these sizes (ascending after sorting), for callers that computed them already.</summary>
    public static BatchSizes Of(params int[] sizes) => sizes.Length > 0 && sizes.All(s => s > 0)
        ? new BatchSizes(sizes.Distinct().Order().ToArray())
        : throw new ArgumentException("batch sizes must be positive and at least one.", nameof(sizes));
}
