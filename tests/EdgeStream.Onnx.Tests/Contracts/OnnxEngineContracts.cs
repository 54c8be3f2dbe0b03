using EdgeStream.Core.Models;
using EdgeStream.Onnx.Tests.Support;
using EdgeStream.TestSupport.Contracts;

namespace EdgeStream.Onnx.Tests.Contracts;

/// <summary>The ONNX engine on CPU, for every layout and precision of the tiny test models and the shipped models.</summary>
public abstract class OnnxEngineContract(string model, EngineOptions options) : InferenceEngineContract
{
    protected override IInferenceEngine Create() => new OnnxEngineFactory().Create(model, options);
}

public sealed class TinyActionFusedFp32Contract() : OnnxEngineContract(RepoPaths.TinyAction, new EngineOptions { Variant = "fp32", Layout = "fused", MaxBatch = 4 });

public sealed class TinyActionSplitFp32Contract() : OnnxEngineContract(RepoPaths.TinyAction, new EngineOptions { Variant = "fp32", Layout = "split", MaxBatch = 4 });

/// <summary>int8 and fp16 kernels may round differently per batch size: a looser batch tolerance.</summary>
public sealed class TinyActionSplitInt8Contract() : OnnxEngineContract(RepoPaths.TinyAction, new EngineOptions { Variant = "int8", Layout = "split", MaxBatch = 4 })
{
    protected override float BatchTolerance => 1e-3f;
}

public sealed class TinyActionFusedFp16Contract() : OnnxEngineContract(RepoPaths.TinyAction, new EngineOptions { Variant = "fp16", Layout = "fused", MaxBatch = 4 })
{
    protected override float BatchTolerance => 1e-3f;
}

public sealed class TinyAnomalyContract() : OnnxEngineContract(RepoPaths.TinyAnomaly, new EngineOptions { MaxBatch = 4 });

public sealed class ShippedActionContract() : OnnxEngineContract(RepoPaths.ShippedModel("action"), new EngineOptions { Variant = "fp32", Layout = "fused", MaxBatch = 2 });

public sealed class ShippedAnomalyContract() : OnnxEngineContract(RepoPaths.ShippedModel("anomaly"), new EngineOptions { Variant = "fp32", MaxBatch = 2 });
