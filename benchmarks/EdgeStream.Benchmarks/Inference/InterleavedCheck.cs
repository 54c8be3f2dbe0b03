using System.Diagnostics;
using System.Globalization;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx;

namespace EdgeStream.Benchmarks.Inference;

/// <summary>
/// The engine against the bare ORT call with their calls interleaved (bare, engine, bare, engine...) in one process, so
/// both see the same machine state at every moment. BenchmarkDotNet runs one benchmark after the other, and for the fp16
/// model that order alone showed the engine 1.2-1.3x slower (benchmarks/README.md). Batch 1, fused, one intra-op thread.
/// </summary>
public static class InterleavedCheck
{
    public static void Run(TextWriter output, int calls = 60, int warmup = 5)
    {
        var fixture = ModelFixture.Load("action");
        var manifest = fixture.Manifest;
        foreach (var variant in manifest.Variants.Select(v => v.Name))
        {
            using var engine = new OnnxEngineFactory().Create(manifest, new EngineOptions { Variant = variant, Layout = ManifestQueries.Fused, MaxBatch = 1 });
            using var bare = new BareSession(manifest, manifest.FindVariant(variant)!, fixture.Window);
            var logits = new float[engine.OutputLength];
            var attention = new float[engine.WindowLength];
            double bareMs = 0, engineMs = 0;
            for (var i = 0; i < warmup + calls; i++)
            {
                var start = Stopwatch.GetTimestamp();
                bare.Run();
                var middle = Stopwatch.GetTimestamp();
                engine.Run(fixture.Window, 1, logits, attention);
                var end = Stopwatch.GetTimestamp();
                if (i >= warmup)
                {
                    bareMs += Stopwatch.GetElapsedTime(start, middle).TotalMilliseconds;
                    engineMs += Stopwatch.GetElapsedTime(middle, end).TotalMilliseconds;
                }
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variant}: bare {bareMs / calls:F2} ms, engine {engineMs / calls:F2} ms per window, engine/bare {engineMs / bareMs:F2} ({calls} interleaved calls each)"));
        }
    }
}
