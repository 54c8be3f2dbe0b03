using EdgeStream.GpuCheck;

// edgestream-gpucheck parity|latency MODEL_DIR [--provider cuda] [--out DIR] [...]: see CheckArgs and benchmarks/README.md.
try
{
    var args2 = CheckArgs.Parse(args);
    Directory.CreateDirectory(args2.Out);
    return args2.Command switch
    {
        "parity" => ParityCheck.Run(args2),
        "latency" => LatencyCheck.Run(args2),
        _ => CheckArgs.Usage($"unknown command '{args2.Command}'"),
    };
}
catch (ArgumentException e)
{
    return CheckArgs.Usage(e.Message);
}
