using EdgeStream.Core.Models;
using EdgeStream.Onnx.Cuda;
using EdgeStream.Onnx.Tests.Support;

namespace EdgeStream.Onnx.Tests.Gpu;

/// <summary>
/// The CUDA path's binding logic, run on CPU through <see cref="LoopbackCudaRuntime"/>: which buffers exist, which
/// addresses are copied, how many bytes, in which order, padding to the captured sizes, and outputs equal to the CPU
/// engine's for the same windows.
/// </summary>
public sealed class DeviceBindingTests
{
    private static readonly BatchSizes Sizes = BatchSizes.Of(1, 4, 8);

    [Theory]
    [InlineData("fp32", 1)]
    [InlineData("fp32", 3)]
    [InlineData("fp32", 8)]
    [InlineData("fp16", 5)]
    public void Run_AnyBatch_MatchesCpuEngine(string variant, int batch)
    {
        var cuda = new LoopbackCudaRuntime();
        var (engine, _) = LoopbackEngines.Fused(cuda, variant, Sizes);
        using var _e = engine;
        using var cpu = new OnnxEngineFactory().Create(RepoPaths.TinyAction, new EngineOptions { Variant = variant, Layout = "fused", MaxBatch = 8 });
        var windows = Windows(batch, engine.WindowLength * engine.StepLength);

        var (gpuOut, gpuAtt) = RunOnce(engine, windows, batch);
        var (cpuOut, cpuAtt) = RunOnce(cpu, windows, batch);

        Assert.Equal(cpuOut, gpuOut);
        Assert.Equal(cpuAtt, gpuAtt);
    }

    [Fact]
    public void Run_PartialBatch_CopiesOnlyRealRowsIntoTheNextCapturedSize()
    {
        var cuda = new LoopbackCudaRuntime();
        var (engine, session) = LoopbackEngines.Fused(cuda, "fp32", Sizes);
        using var _e = engine;
        var itemBytes = (long)engine.WindowLength * engine.StepLength * sizeof(float);
        var slot4 = session.Slots[1];
        Assert.Equal(4, slot4.Size);
        cuda.Calls.Clear();

        RunOnce(engine, Windows(3, engine.WindowLength * engine.StepLength), 3);

        Assert.Collection(
            cuda.Calls,
            c => Assert.Equal(new CudaCall("CopyToDevice", slot4.Input, session.HostInput, 3 * itemBytes), c),
            c => Assert.Equal(new CudaCall("CopyToHost", session.HostOutputs[0], slot4.Outputs[0], 3 * engine.OutputLength * sizeof(float)), c),
            c => Assert.Equal(new CudaCall("CopyToHost", session.HostOutputs[1], slot4.Outputs[1], 3 * engine.WindowLength * sizeof(float)), c));
    }

    [Fact]
    public void Run_ManyWindows_NeverAllocatesOrRebinds()
    {
        var cuda = new LoopbackCudaRuntime();
        var (engine, session) = LoopbackEngines.Fused(cuda, "fp16", Sizes);
        using var _e = engine;
        var addresses = session.Slots.Select(s => (s.Input, s.Outputs[0], s.Outputs[1])).ToArray();
        var live = cuda.Live.Count;
        cuda.Calls.Clear();

        for (var batch = 1; batch <= 8; batch++)
        {
            RunOnce(engine, Windows(batch, engine.WindowLength * engine.StepLength), batch);
        }

        Assert.DoesNotContain(cuda.Calls, c => c.Kind.StartsWith("Alloc", StringComparison.Ordinal) || c.Kind.StartsWith("Free", StringComparison.Ordinal));
        Assert.Equal(live, cuda.Live.Count);
        Assert.Equal(addresses, session.Slots.Select(s => (s.Input, s.Outputs[0], s.Outputs[1])).ToArray());
        var devices = addresses.SelectMany(a => new[] { a.Input, a.Item2, a.Item3 }).ToHashSet();
        Assert.All(cuda.Calls, c => Assert.Contains(c.Kind == "CopyToDevice" ? c.A : c.B, devices));
    }

    [Fact]
    public void Construct_AllocatesOnceAndZeroesInputs_DisposeFreesEverything()
    {
        var cuda = new LoopbackCudaRuntime();
        var (engine, session) = LoopbackEngines.Fused(cuda, "fp32", Sizes);
        var itemBytes = (long)engine.WindowLength * engine.StepLength * sizeof(float);

        // Host input + 2 host outputs pinned (max batch), then per size: device input (zeroed from the host) and 2 outputs.
        Assert.Equal(3, cuda.Calls.Count(c => c.Kind == "AllocPinnedHost"));
        Assert.Equal(3 * Sizes.Sizes.Count, cuda.Calls.Count(c => c.Kind == "AllocDevice"));
        foreach (var slot in session.Slots)
        {
            Assert.Contains(new CudaCall("CopyToDevice", slot.Input, session.HostInput, slot.Size * itemBytes), cuda.Calls);
        }

        engine.Dispose();

        Assert.Empty(cuda.Live);
    }

    [Fact]
    public void Construct_Pageable_UsesNoPinnedMemory()
    {
        var cuda = new LoopbackCudaRuntime();
        var (engine, _) = LoopbackEngines.Fused(cuda, "fp32", Sizes, pinned: false);
        using var _e = engine;

        Assert.DoesNotContain(cuda.Calls, c => c.Kind == "AllocPinnedHost");
        var (o, _) = RunOnce(engine, Windows(2, engine.WindowLength * engine.StepLength), 2);
        Assert.All(o, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Run_Pageable_WaitsForTheCopyInBeforeRunning()
    {
        // From pageable memory cudaMemcpy may return before the DMA lands; the run must not start until it has.
        var cuda = new LoopbackCudaRuntime();
        var (engine, session) = LoopbackEngines.Fused(cuda, "fp32", Sizes, pinned: false);
        using var _e = engine;
        var slot = session.Slots[0];
        cuda.Calls.Clear();

        RunOnce(engine, Windows(1, engine.WindowLength * engine.StepLength), 1);

        Assert.Equal(["CopyToDevice", "Synchronize", "CopyToHost", "CopyToHost"], cuda.Calls.Select(c => c.Kind));
        Assert.Equal(slot.Input, cuda.Calls[0].A);
    }

    [Fact]
    public void InputBuffer_Fp32_IsPinnedHostMemoryAndRunFromItSkipsTheCopy()
    {
        var cuda = new LoopbackCudaRuntime();
        var (engine, session) = LoopbackEngines.Fused(cuda, "fp32", Sizes);
        using var _e = engine;
        var length = engine.WindowLength * engine.StepLength;
        var windows = Windows(2, length);
        var (expected, _) = RunOnce(engine, windows, 2);
        Array.Clear(windows);
        RunOnce(engine, windows, 2);

        var staging = ((IInputStaging)engine).InputBuffer;
        Windows(2, length).CopyTo(staging);
        var outputs = new float[2 * engine.OutputLength];
        engine.Run(staging.Span[..(2 * length)], 2, outputs, new float[2 * engine.WindowLength]);

        Assert.Equal(8 * length, staging.Length);
        unsafe
        {
            using var pin = staging.Pin();
            Assert.Equal(session.HostInput, (IntPtr)pin.Pointer);
        }

        Assert.Equal(expected, outputs);
    }

    [Fact]
    public void InputBuffer_Fp16_IsEmpty()
    {
        var (engine, _) = LoopbackEngines.Fused(new LoopbackCudaRuntime(), "fp16", Sizes);
        using var _e = engine;

        Assert.True(((IInputStaging)engine).InputBuffer.IsEmpty);
    }

    [Fact]
    public void Run_SteadyState_AllocatesNothing()
    {
        var (engine, _) = LoopbackEngines.Fused(new LoopbackCudaRuntime(), "fp16", Sizes);
        using var _e = engine;
        var windows = Windows(8, engine.WindowLength * engine.StepLength);
        var outputs = new float[8 * engine.OutputLength];
        var attention = new float[8 * engine.WindowLength];
        void Round()
        {
            for (var batch = 1; batch <= 8; batch++)
            {
                engine.Run(windows.AsSpan(0, batch * engine.WindowLength * engine.StepLength), batch, outputs, attention);
            }
        }

        Round();
        var least = long.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Round();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
    }

    internal static float[] Windows(int batch, int length)
    {
        var rng = new Random(42);
        var data = new float[batch * length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(rng.NextDouble() * 4 - 2);
        }

        return data;
    }

    private static (float[] Outputs, float[] Attention) RunOnce(IInferenceEngine engine, float[] windows, int batch)
    {
        var outputs = new float[batch * engine.OutputLength];
        var attention = new float[batch * engine.WindowLength];
        engine.Run(windows.AsSpan(0, batch * engine.WindowLength * engine.StepLength), batch, outputs, attention);
        return (outputs, attention);
    }
}
