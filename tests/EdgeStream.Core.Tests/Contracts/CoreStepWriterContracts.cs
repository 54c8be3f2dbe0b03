using EdgeStream.Core.Sources;
using EdgeStream.TestSupport.Contracts;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Core.Tests.Contracts;

/// <summary>The pipeline's own writer, dropping (live) and waiting (lossless).</summary>
public sealed class PipelineStepWriterContract : StepWriterContract
{
    protected override IStepWriter Create() => new StepWriter(0, "cam1", Length, 4, lossless: false, new StepSignal(), _ => { }, NullLogger.Instance);
}

public sealed class LosslessPipelineStepWriterContract : StepWriterContract
{
    protected override IStepWriter Create() => new StepWriter(0, "cam1", Length, 16, lossless: true, new StepSignal(), _ => { }, NullLogger.Instance);
}

/// <summary>The writer the source contract hands every source.</summary>
public sealed class CheckingWriterContract : StepWriterContract
{
    protected override IStepWriter Create() => new CheckingWriter(Length, "check");
}
