using EdgeStream.Host.Cli;

return await EdgeStreamCli.RunAsync(args, Console.Out, Console.Error);
