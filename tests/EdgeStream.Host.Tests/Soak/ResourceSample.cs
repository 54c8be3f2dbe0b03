using System.Globalization;

namespace EdgeStream.Host.Tests.Soak;

/// <summary>One look at a running process through /proc: resident memory, open file descriptors, threads.</summary>
internal sealed record ResourceSample(TimeSpan At, long RssKiB, int Handles, int Threads, int EventsProduced)
{
    /// <summary>Reads /proc/PID/status (VmRSS, Threads) and counts /proc/PID/fd.</summary>
    public static ResourceSample Take(int pid, TimeSpan at, int eventsProduced)
    {
        long rss = -1;
        var threads = -1;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Threads:", StringComparison.Ordinal))
            {
                threads = int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        var handles = Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd").Count();
        return rss < 0 || threads < 0
            ? throw new InvalidOperationException($"/proc/{pid}/status lacks VmRSS or Threads")
            : new ResourceSample(at, rss, handles, threads, eventsProduced);
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{At.TotalSeconds,6:F0} s  rss {RssKiB / 1024.0,7:F1} MiB  handles {Handles,4}  threads {Threads,3}  events {EventsProduced,6}");
}
