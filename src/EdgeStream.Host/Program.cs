using EdgeStream.Host.Cli;
using EdgeStream.Host.Hosting;

// Before anything is opened: files this process creates are its user's alone (deploy/README.md, Sandbox).
PrivateFiles.Apply();
return await EdgeStreamCli.RunAsync(args, Console.Out, Console.Error);
