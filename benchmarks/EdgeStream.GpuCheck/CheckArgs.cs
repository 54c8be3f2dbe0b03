using System.Globalization;

namespace EdgeStream.GpuCheck;

/// <summary>Command line: COMMAND MODEL_DIR then --key value pairs.</summary>
internal sealed record CheckArgs(string Command, string Model, IReadOnlyDictionary<string, string> Options)
{
    public string Provider => Get("provider", "cuda");

    public string Out => Get("out", Path.Combine(Path.GetTempPath(), "edgestream-gpucheck"));

    public IReadOnlyList<string> Variants => List("variants", "fp32,fp16");

    public IReadOnlyList<int> Batches => List("batches", "1,8,32").Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();

    public double Seconds => double.Parse(Get("seconds", "2"), CultureInfo.InvariantCulture);

    public int Threads => int.Parse(Get("threads", "1"), CultureInfo.InvariantCulture);

    /// <summary>on,off (CUDA graphs) x pinned,pageable (host memory) combinations to measure.</summary>
    public IReadOnlyList<string> Graphs => List("graphs", "on,off");

    public IReadOnlyList<string> Hosts => List("hosts", "pinned,pageable");

    public string Get(string key, string fallback) => Options.TryGetValue(key, out var v) ? v : fallback;

    public IReadOnlyList<string> List(string key, string fallback) => Get(key, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static CheckArgs Parse(string[] args)
    {
        if (args.Length < 2)
        {
            throw new ArgumentException("need COMMAND and MODEL_DIR");
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 2; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --key value, found '{args[i]}'");
            }

            options[args[i][2..]] = args[i + 1];
        }

        return new CheckArgs(args[0], args[1], options);
    }

    public static int Usage(string problem)
    {
        Console.Error.WriteLine($"""
            {problem}
            usage: EdgeStream.GpuCheck parity  MODEL_DIR [--provider cuda|cpu|tensorrt] [--variants fp32,fp16] [--out DIR]
                   EdgeStream.GpuCheck latency MODEL_DIR [--provider cuda] [--variants fp32,fp16] [--batches 1,8,32]
                                       [--graphs on,off] [--hosts pinned,pageable] [--seconds 2] [--threads 1] [--out DIR]
            """);
        return 2;
    }
}
