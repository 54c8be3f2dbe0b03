using System.CommandLine;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Verification;
using EdgeStream.Onnx;

namespace EdgeStream.Host.Cli;

/// <summary>
/// <c>edgestream models verify FOLDER</c>: golden parity with PyTorch for every variant and layout a model ships
/// (or for every model folder under FOLDER). Prints one table per model; exit code 1 when any check fails.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var folder = new Argument<string>("folder") { Description = "A model folder (with manifest.json) or a folder of model folders, e.g. models/" };
        var provider = new Option<string>("--provider") { Description = "Execution provider: cpu, cuda or tensorrt", DefaultValueFactory = _ => "cpu" };
        var variants = new Option<string[]>("--variant") { Description = "Only this variant (repeatable); default: all" };
        var layouts = new Option<string[]>("--layout") { Description = "Only this layout, split or fused (repeatable); default: all" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads", DefaultValueFactory = _ => 1 };
        var verify = new Command("verify", "Check every variant and layout against the model's golden vectors (parity with PyTorch)") { folder, provider, variants, layouts, threads };
        verify.SetAction((result, _) => StartupErrors.GuardAsync(error, async () =>
        {
            var options = new VerifyOptions
            {
                Provider = result.GetValue(provider) ?? "cpu",
                IntraOpThreads = result.GetValue(threads),
                Variants = NullIfEmpty(result.GetValue(variants)),
                Layouts = NullIfEmpty(result.GetValue(layouts)),
            };
            return await VerifyAsync(Path.GetFullPath(result.GetValue(folder)!), options, output);
        }));

        var models = new Command("models", "Model tools");
        models.Subcommands.Add(verify);
        models.Subcommands.Add(ModelsEvaluateCommand.Create(output, error));
        return models;
    }

    internal static async Task<int> VerifyAsync(string folder, VerifyOptions options, TextWriter output)
    {
        var targets = ModelFolders(folder);
        var verifier = new GoldenVerifier(new OnnxEngineFactory());
        var failed = new List<string>();
        foreach (var target in targets)
        {
            var report = verifier.Verify(target, options);
            await output.WriteLineAsync(report.ToTable());
            await output.WriteLineAsync();
            if (!report.Passed)
            {
                failed.Add(target);
            }
        }

        await output.WriteLineAsync(failed.Count == 0
            ? $"{targets.Count} model(s) verified"
            : $"FAILED: {string.Join(", ", failed)}");
        return failed.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    /// <summary>The folder itself when it holds a manifest, else its subfolders that do.</summary>
    private static List<string> ModelFolders(string folder)
    {
        if (File.Exists(Path.Combine(folder, ManifestLoader.FileName)) || File.Exists(folder))
        {
            return [folder];
        }

        if (!Directory.Exists(folder))
        {
            throw new ModelLoadException($"{folder}: no such model folder");
        }

        var found = Directory.EnumerateDirectories(folder)
            .Where(d => File.Exists(Path.Combine(d, ManifestLoader.FileName)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return found.Count > 0 ? found : throw new ModelLoadException($"{folder}: neither it nor its subfolders hold a {ManifestLoader.FileName}");
    }

    private static string[]? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? values : null;
}
