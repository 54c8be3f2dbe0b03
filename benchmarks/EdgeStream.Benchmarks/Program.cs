using BenchmarkDotNet.Running;

namespace EdgeStream.Benchmarks;

/// <summary>Entry point: every benchmark class in this assembly, picked with BenchmarkDotNet's --filter; <c>interleaved</c> runs <see cref="Inference.InterleavedCheck"/>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["interleaved"])
        {
            Inference.InterleavedCheck.Run(Console.Out);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchConfig.Create());
    }
}
