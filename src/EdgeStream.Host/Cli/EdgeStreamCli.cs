using System.CommandLine;

namespace EdgeStream.Host.Cli;

/// <summary>The <c>edgestream</c> command line: run, replay, subscribe, models verify, bench, keypoints.</summary>
internal static class EdgeStreamCli
{
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("EdgeStream: real-time video and sensor analytics at the edge; events over MQTT.");
        root.Subcommands.Add(RunCommand.Create(error));
        root.Subcommands.Add(ReplayCommand.Create(output, error));
        root.Subcommands.Add(SubscribeCommand.Create(output, error));
        root.Subcommands.Add(ModelsCommand.Create(output, error));
        root.Subcommands.Add(BenchCommand.Create(output, error));
        root.Subcommands.Add(KeypointsCommand.Create(output, error));
        root.Subcommands.Add(EvaluateCommand.Create(output, error));
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = Build(output, error);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,

            // run hands Ctrl-C/SIGTERM to the generic host (graceful drain); the others watch the token themselves.
            ProcessTerminationTimeout = null,

            // An unexpected exception becomes one line and a report file (CrashReport), not System.CommandLine's
            // printed stack trace.
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return await CrashReport.WriteAsync(e, args, error);
        }
    }
}
