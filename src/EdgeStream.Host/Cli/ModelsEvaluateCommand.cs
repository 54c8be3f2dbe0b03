using System.CommandLine;
using EdgeStream.Core.Verification;
using EdgeStream.Onnx;

namespace EdgeStream.Host.Cli;

/// <summary>
/// <c>edgestream models evaluate FOLDER --testset FILE</c>: an action model's evaluation set (golden format, labels only)
/// through every variant and layout: top-1 accuracy, top-1 agreement with fp32 and the largest logit difference from it.
/// This is what fills the "ONNX Runtime (C#)" columns of the precision table in models/README.md.
/// </summary>
internal static class ModelsEvaluateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("folder") { Description = "The action model folder (with manifest.json), e.g. models/action" };
        var testset = new Option<string>("--testset") { Description = "Evaluation set in the golden format, e.g. models/training/work/testset/testset.json", Required = true };
        var provider = new Option<string>("--provider") { Description = "Execution provider: cpu, cuda or tensorrt", DefaultValueFactory = _ => "cpu" };
        var variants = new Option<string[]>("--variant") { Description = "Only this variant (repeatable); default: all" };
        var layouts = new Option<string[]>("--layout") { Description = "Only this layout, split or fused (repeatable); default: all" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Windows per inference call", DefaultValueFactory = _ => 8 };
        var evaluate = new Command("evaluate", "Accuracy and agreement with fp32 of every variant and layout on an evaluation set")
        {
            folder, testset, provider, variants, layouts, threads, batch,
        };
        evaluate.SetAction((result, _) => StartupErrors.GuardAsync(error, async () =>
        {
            var options = new VerifyOptions
            {
                Provider = result.GetValue(provider) ?? "cpu",
                IntraOpThreads = result.GetValue(threads),
                MaxBatch = result.GetValue(batch),
                Variants = result.GetValue(variants) is { Length: > 0 } v ? v : null,
                Layouts = result.GetValue(layouts) is { Length: > 0 } l ? l : null,
            };
            var report = new GoldenVerifier(new OnnxEngineFactory())
                .Evaluate(Path.GetFullPath(result.GetValue(folder)!), Path.GetFullPath(result.GetValue(testset)!), options);
            await output.WriteLineAsync(report.ToTable());
            return ExitCodes.Ok;
        }));
        return evaluate;
    }
}
