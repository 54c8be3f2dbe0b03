using System.Diagnostics;
using System.Globalization;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx;

namespace EdgeStream.GpuCheck;

/// <summary>
/// Per-call latency and windows/s of the fused model at each batch size, for every variant x CUDA graphs on/off x pinned/
/// pageable host memory. One engine per combination captures all batch sizes. "staged" rows assemble the batch straight
/// in the engine's pinned input (what the pipeline does through IInputStaging); "copied" rows pass a managed array
/// (one host copy, or the float16 conversion, per call). Copies to and from the device are always included.
/// </summary>
internal static class LatencyCheck
{
    public static int Run(CheckArgs args)
    {
        var manifest = ManifestLoader.Load(args.Model);
        var factory = new OnnxEngineFactory(new StderrLogger<OnnxEngineFactory>());
        var rows = new List<LatencyRow>();
        var gpu = args.Provider != "cpu";
        var failed = false;
        foreach (var variant in args.Variants)
        {
            foreach (var graphs in gpu ? args.Graphs : ["off"])
            {
                foreach (var host in gpu ? args.Hosts : ["pageable"])
                {
                    var options = new EngineOptions
                    {
                        Variant = variant,
                        Layout = ManifestQueries.Fused,
                        Provider = args.Provider,
                        IntraOpThreads = args.Threads,
                        MaxBatch = args.Batches.Max(),
                        FallbackToCpu = false,
                        Gpu = new GpuOptions { BatchSizes = [.. args.Batches], CudaGraphs = graphs == "on", PinnedHost = host == "pinned" },
                    };
                    IInferenceEngine engine;
                    try
                    {
                        engine = factory.Create(manifest, options);
                    }
                    catch (ModelLoadException e)
                    {
                        // One combination that cannot load (e.g. a model whose nodes do not all run under CUDA graphs) must not hide the others.
                        Console.Error.WriteLine($"{variant} graphs={graphs} host={host}: {e.Message}");
                        failed = true;
                        continue;
                    }

                    using var owned = engine;
                    foreach (var batch in args.Batches)
                    {
                        rows.Add(Measure(engine, variant, graphs, host, batch, staged: false, args.Seconds));
                        if (engine is IInputStaging { InputBuffer.IsEmpty: false })
                        {
                            rows.Add(Measure(engine, variant, graphs, host, batch, staged: true, args.Seconds));
                        }
                    }
                }
            }
        }

        var table = LatencyRow.Table(rows);
        Console.WriteLine(table);
        File.WriteAllText(Path.Combine(args.Out, $"latency-{args.Provider}.md"), table);
        File.WriteAllLines(Path.Combine(args.Out, $"latency-{args.Provider}.jsonl"), rows.Select(r => r.Json()));
        return failed ? 1 : 0;
    }

    private static LatencyRow Measure(IInferenceEngine engine, string variant, string graphs, string host, int batch, bool staged, double seconds)
    {
        var length = batch * engine.WindowLength * engine.StepLength;
        var source = new float[length];
        var rng = new Random(7);
        for (var i = 0; i < source.Length; i++)
        {
            source[i] = (float)(rng.NextDouble() * 2 - 1);
        }

        var input = staged ? ((IInputStaging)engine).InputBuffer[..length] : source;
        source.CopyTo(input);
        var outputs = new float[batch * engine.OutputLength];
        var attention = new float[batch * engine.WindowLength];
        for (var i = 0; i < 20; i++)
        {
            engine.Run(input.Span, batch, outputs, attention);
        }

        var samples = new double[200_000];
        var n = 0;
        var start = Stopwatch.GetTimestamp();
        while (n < samples.Length && (n < 50 || Stopwatch.GetElapsedTime(start).TotalSeconds < seconds))
        {
            var t = Stopwatch.GetTimestamp();
            engine.Run(input.Span, batch, outputs, attention);
            samples[n++] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        var total = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Array.Sort(samples, 0, n);
        // float16 I/O converts on the host per call; float32 I/O (fp32, int8, the shipped fp16) copies.
        var halfIo = engine.Manifest.FindVariant(variant)?.IoType == "float16";
        return new LatencyRow(engine.Info.Provider, variant, graphs, host, staged ? "staged" : (halfIo ? "converted" : "copied"), batch, n,
            samples[n / 2], samples[(int)(n * 0.9)], batch * n / total);
    }
}

internal sealed record LatencyRow(string Provider, string Variant, string Graphs, string Host, string Input, int Batch, int Calls, double MedianMs, double P90Ms, double WindowsPerSecond)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Json() => string.Create(Inv, $$"""{"provider":"{{Provider}}","variant":"{{Variant}}","graphs":"{{Graphs}}","host":"{{Host}}","input":"{{Input}}","batch":{{Batch}},"calls":{{Calls}},"medianMs":{{MedianMs:F4}},"p90Ms":{{P90Ms:F4}},"windowsPerSecond":{{WindowsPerSecond:F0}}}""");

    public static string Table(IEnumerable<LatencyRow> rows)
    {
        var lines = new List<string>
        {
            "| provider | variant | CUDA graphs | host memory | input | batch | median ms / call | p90 ms | windows/s | calls |",
            "|---|---|---|---|---|---|---|---|---|---|",
        };
        lines.AddRange(rows.Select(r => string.Create(Inv, $"| {r.Provider} | {r.Variant} | {r.Graphs} | {r.Host} | {r.Input} | {r.Batch} | {r.MedianMs:F3} | {r.P90Ms:F3} | {r.WindowsPerSecond:F0} | {r.Calls} |")));
        return string.Join('\n', lines) + "\n";
    }
}
