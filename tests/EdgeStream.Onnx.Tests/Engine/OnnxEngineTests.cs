using EdgeStream.Core.Models;
using EdgeStream.Onnx.Tests.Support;

namespace EdgeStream.Onnx.Tests.Engine;

public sealed class OnnxEngineTests
{
    private readonly OnnxEngineFactory _factory = new();

    [Theory]
    [InlineData("fp32", "fused")]
    [InlineData("fp32", "split")]
    [InlineData("int8", "fused")]
    [InlineData("int8", "split")]
    public void Create_TinyAction_ReportsShapesAndInfo(string variant, string layout)
    {
        using var engine = _factory.Create(RepoPaths.TinyAction, new EngineOptions { Variant = variant, Layout = layout, MaxBatch = 3 });

        Assert.Equal(layout == "split", engine.EncodesFrames);
        Assert.Equal(3 * 8 * 8, engine.FrameLength);
        Assert.Equal(layout == "split" ? 6 : 3 * 8 * 8, engine.StepLength);
        Assert.Equal(4, engine.WindowLength);
        Assert.Equal(3, engine.OutputLength);
        Assert.Equal(3, engine.MaxBatch);
        Assert.Equal(new EngineInfo("tiny-action", "0.0.1", engine.Info.Sha256, variant, "cpu", layout), engine.Info);
        Assert.Matches("^[0-9a-f]{64}$", engine.Info.Sha256);
    }

    [Fact]
    public void Create_NoVariantOrLayout_UsesManifestDefaults()
    {
        using var engine = _factory.Create(RepoPaths.TinyAction, new EngineOptions());

        Assert.Equal("int8", engine.Info.Precision);
        Assert.Equal("split", engine.Info.Layout);
    }

    [Fact]
    public void Run_BatchOfWindows_MatchesOneWindowAtATime()
    {
        using var engine = _factory.Create(RepoPaths.TinyAction, new EngineOptions { Variant = "fp32", Layout = "fused", MaxBatch = 4 });
        var rng = new Random(7);
        var windows = Enumerable.Range(0, 3 * engine.WindowLength * engine.StepLength).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var batched = new float[3 * 3];
        var batchedAttention = new float[3 * 4];

        engine.Run(windows, 3, batched, batchedAttention);

        var one = new float[3];
        var attention = new float[4];
        for (var b = 0; b < 3; b++)
        {
            engine.Run(windows.AsSpan(b * 4 * engine.StepLength, 4 * engine.StepLength), 1, one, attention);
            Assert.Equal(one, batched.AsSpan(b * 3, 3).ToArray(), new FloatTolerance(1e-5f));
            Assert.Equal(attention, batchedAttention.AsSpan(b * 4, 4).ToArray(), new FloatTolerance(1e-6f));
            Assert.Equal(1f, attention.Sum(), 4);
        }
    }

    [Fact]
    public void Encode_ThenHead_EqualsFused()
    {
        using var split = _factory.Create(RepoPaths.TinyAction, new EngineOptions { Variant = "fp32", Layout = "split", MaxBatch = 2 });
        using var fused = _factory.Create(RepoPaths.TinyAction, new EngineOptions { Variant = "fp32", Layout = "fused", MaxBatch = 2 });
        var rng = new Random(3);
        var frames = Enumerable.Range(0, 2 * 4 * split.FrameLength).Select(_ => (float)rng.NextDouble()).ToArray();
        var features = new float[2 * 4 * split.StepLength];
        float[] a = new float[6], b = new float[6], attA = new float[8], attB = new float[8];

        // 8 frames through an encoder taking at most max(MaxBatch, T) = 4 per call: Encode splits the call.
        split.Encode(frames, 8, features);
        split.Run(features, 2, a, attA);
        fused.Run(frames, 2, b, attB);

        Assert.Equal(b, a, new FloatTolerance(1e-5f));
        Assert.Equal(attB, attA, new FloatTolerance(1e-6f));
    }

    [Fact]
    public void Run_BatchAboveMax_Throws()
    {
        using var engine = _factory.Create(RepoPaths.TinyAnomaly, new EngineOptions { MaxBatch = 2 });

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Run(new float[3 * 12], 3, new float[6], new float[18]));
    }

    [Fact]
    public void Run_ShortBuffer_ThrowsNamingIt()
    {
        using var engine = _factory.Create(RepoPaths.TinyAnomaly, new EngineOptions { MaxBatch = 2 });

        var ex = Assert.Throws<ArgumentException>(() => engine.Run(new float[12], 1, new float[1], new float[6]));

        Assert.Equal("outputs", ex.ParamName);
    }

    [Fact]
    public void Encode_FusedEngine_Throws()
    {
        using var engine = _factory.Create(RepoPaths.TinyAction, new EngineOptions { Variant = "fp32", Layout = "fused" });

        Assert.Throws<InvalidOperationException>(() => engine.Encode(new float[192], 1, new float[6]));
    }

    [Fact]
    public void Create_UnknownVariant_ListsTheVariants()
    {
        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(RepoPaths.TinyAction, new EngineOptions { Variant = "bf16" }));

        Assert.Contains("variant 'bf16' is not in the manifest; choose one of: fp32, fp16, int8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LayoutTheVariantLacks_ListsWhatItHas()
    {
        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(RepoPaths.TinyAnomaly, new EngineOptions { Layout = "split" }));

        Assert.Contains("has no 'split' layout; it has: fused", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownProvider_NamesKnownOnes()
    {
        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(RepoPaths.TinyAnomaly, new EngineOptions { Provider = "npu" }));

        Assert.Contains("provider 'npu' is not known; use one of: cpu, cuda, tensorrt", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
