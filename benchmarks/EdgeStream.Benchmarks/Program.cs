using BenchmarkDotNet.Running;

namespace EdgeStream.Benchmarks;

/// <summary>Entry point: every benchmark class in this assembly, picked with BenchmarkDotNet's --filter.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchConfig.Create());
}
