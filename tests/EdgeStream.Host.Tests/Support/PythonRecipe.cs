using System.Diagnostics;

namespace EdgeStream.Host.Tests.Support;

/// <summary>The training recipe (models/training) run with Debian's /usr/bin/python3, as its README says.</summary>
internal static class PythonRecipe
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(FindMissing);

    /// <summary>Why the recipe cannot run here (no python3, or no torch/onnx/numpy for it), or null.</summary>
    public static string? WhyMissing => Missing.Value;

    public static string TrainingFolder => Path.Combine(TestEnvironment.RepoRoot, "models", "training");

    /// <summary>Runs <c>python3 -m MODULE ARGS</c> in models/training; returns its exit code and what it printed.</summary>
    public static async Task<(int Exit, string Output)> RunModuleAsync(string module, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(Python) { WorkingDirectory = TrainingFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-m");
        info.ArgumentList.Add(module);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{module} ran past {timeout.TotalSeconds:0} s: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string? FindMissing()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is absent (the training recipe runs with Debian's python3: apt-get install python3-torch python3-onnx python3-numpy python3-opencv)";
        }

        // find_spec, not import: importing torch takes seconds, and this runs when the tests are discovered.
        var failure = Tools.Failure(Python, "-c", "import importlib.util as u, sys; sys.exit(0 if all(u.find_spec(m) for m in ('torch', 'onnx', 'numpy', 'cv2')) else 1)");
        return failure is null ? null : $"{Python} lacks torch, onnx, numpy or cv2 (apt-get install python3-torch python3-onnx python3-numpy python3-opencv)";
    }
}

/// <summary>A fact skipped, with the reason shown, when the training recipe's Python (torch, onnx) is not installed.</summary>
internal sealed class PythonRecipeFactAttribute : FactAttribute
{
    public PythonRecipeFactAttribute() => Skip = PythonRecipe.WhyMissing;
}
