using System.Globalization;

namespace EdgeStream.Host.Tests.Soak;

/// <summary>
/// "Flat", as the soak asserts it. The first quarter of the samples is warm-up (JIT tiering, ONNX Runtime's arena,
/// SQLite's page cache, the thread pool finding its size) and is ignored; the rest is cut into thirds and the last
/// third's maximum may exceed the first third's maximum by at most:
/// RSS 10 % + 16 MiB (a gen0 budget and the allocator's arenas move RSS by tens of MiB without a leak; one leaked
/// 224x224x3 frame per second grows it by 8 MiB a minute, 80 MiB in ten minutes), 8 handles (a reconnect or a
/// WAL checkpoint briefly opens a few), 6 threads (the thread pool injects threads on a busy 2-core machine).
/// </summary>
internal static class Flatness
{
    public const double RssFactor = 1.10;
    public const long RssSlackKiB = 16 * 1024;
    public const int HandleSlack = 8;
    public const int ThreadSlack = 6;

    /// <summary>The reasons the samples are not flat; empty when they are.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<ResourceSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var steady = samples.Skip(samples.Count / 4).ToList();
        if (steady.Count < 3)
        {
            return [$"only {steady.Count} samples after warm-up; need at least 3"];
        }

        var third = steady.Count / 3;
        var first = steady.Take(third).ToList();
        var last = steady.Skip(steady.Count - third).ToList();
        var problems = new List<string>();
        Check(problems, "RSS KiB", first.Max(s => s.RssKiB), last.Max(s => s.RssKiB), (long)(first.Max(s => s.RssKiB) * RssFactor) + RssSlackKiB);
        Check(problems, "handles", first.Max(s => s.Handles), last.Max(s => s.Handles), first.Max(s => s.Handles) + HandleSlack);
        Check(problems, "threads", first.Max(s => s.Threads), last.Max(s => s.Threads), first.Max(s => s.Threads) + ThreadSlack);
        return problems;
    }

    private static void Check(List<string> problems, string what, long first, long last, long limit)
    {
        if (last > limit)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: last third's max {last} > {limit} (first third's max {first})"));
        }
    }
}
