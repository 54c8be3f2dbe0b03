using EdgeStream.Core.Models;
using EdgeStream.Core.Tests.Pipeline.Batching;
using EdgeStream.Core.Tests.Support;
using EdgeStream.TestSupport.Contracts;

namespace EdgeStream.Core.Tests.Contracts;

public sealed class FakeActionEngineContract : InferenceEngineContract
{
    protected override IInferenceEngine Create() => new FakeEngine(TestManifests.Action(frames: 6), maxBatch: 4);
}

public sealed class FakeSplitActionEngineContract : InferenceEngineContract
{
    protected override IInferenceEngine Create() => new FakeEngine(TestManifests.Action(frames: 6), split: true, maxBatch: 4);
}

public sealed class FakeAnomalyEngineContract : InferenceEngineContract
{
    protected override IInferenceEngine Create() => new FakeEngine(TestManifests.Anomaly(channels: 3, window: 5), maxBatch: 2);
}

public sealed class TagRecordingEngineContract : InferenceEngineContract
{
    protected override IInferenceEngine Create() => new TagRecordingEngine(TestManifests.Action(frames: 4), maxBatch: 3, staged: true);
}
