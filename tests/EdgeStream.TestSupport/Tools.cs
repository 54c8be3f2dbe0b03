using System.Diagnostics;

namespace EdgeStream.TestSupport;

/// <summary>External programs: found on PATH or in the sbin folders, where Debian puts the mosquitto broker.</summary>
public static class Tools
{
    /// <summary>The full path of <paramref name="name"/>, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var folders = path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/usr/local/sbin").Append("/usr/bin");
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>The full path of <paramref name="name"/>; throws when it is not installed.</summary>
    public static string Which(string name) => Find(name) ?? throw new InvalidOperationException($"{name} is not installed (not on PATH, /usr/sbin or /usr/local/sbin)");

    /// <summary>Why a test cannot run: "needs a and b on PATH (apt-get install ...)", or null when every tool is there.</summary>
    public static string? WhyMissing(string install, params string[] names)
    {
        var missing = names.Where(n => Find(n) is null).ToList();
        return missing.Count == 0 ? null : $"needs {string.Join(" and ", missing)} on PATH (apt-get install {install})";
    }

    /// <summary>Runs a command to its end; null when it exited 0, else what went wrong (its last stderr line, or why it did not start).</summary>
    public static string? Failure(string file, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{file} exited {process.ExitCode}: {stderr.Result.Trim().Split('\n').LastOrDefault()}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return $"{file}: {ex.Message}";
        }
    }
}
