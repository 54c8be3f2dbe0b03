using EdgeStream.Core.Models;
using EdgeStream.Core.Verification;
using EdgeStream.Onnx;

namespace EdgeStream.GpuCheck;

/// <summary>Golden parity on the provider: every requested variant in every layout against PyTorch's expected outputs (no CPU fallback).</summary>
internal static class ParityCheck
{
    public static int Run(CheckArgs args)
    {
        var verifier = new GoldenVerifier(new OnnxEngineFactory(new StderrLogger<OnnxEngineFactory>()));
        var failed = false;
        using var text = new StreamWriter(Path.Combine(args.Out, $"parity-{args.Provider}.txt"));
        foreach (var variant in args.Variants)
        {
            string table;
            try
            {
                var report = verifier.Verify(args.Model, new VerifyOptions { Provider = args.Provider, Variants = [variant], IntraOpThreads = args.Threads });
                table = report.ToTable();
                failed |= !report.Passed;
            }
            catch (ModelLoadException e)
            {
                // A variant the provider cannot run (int8 QDQ under CUDA graphs) is reported, not fatal for the others.
                table = $"{variant}: could not load on {args.Provider}: {e.Message}\nFAIL";
                failed = true;
            }

            Console.WriteLine(table);
            text.WriteLine(table);
        }

        return failed ? 1 : 0;
    }
}
