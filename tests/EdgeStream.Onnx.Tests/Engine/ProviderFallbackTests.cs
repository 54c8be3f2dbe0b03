using EdgeStream.Core.Models;
using EdgeStream.Onnx.Tests.Support;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Onnx.Tests.Engine;

/// <summary>The CPU build has no CUDA or TensorRT provider: asking for one falls back with one log line, or fails clearly.</summary>
public sealed class ProviderFallbackTests
{
    [Theory]
    [InlineData("cuda")]
    [InlineData("tensorrt")]
    public void Create_GpuProviderOnCpuBuild_FallsBackWithOneWarning(string provider)
    {
        var logger = new ListLogger<OnnxEngineFactory>();
        var factory = new OnnxEngineFactory(logger);

        using var engine = factory.Create(RepoPaths.TinyAnomaly, new EngineOptions { Provider = provider });

        Assert.Equal("cpu", engine.Info.Provider);
        var warning = Assert.Single(logger.Lines, l => l.Level == LogLevel.Warning);
        Assert.Equal(4101, warning.Id.Id);
        Assert.Contains($"Provider '{provider}' could not load", warning.Message, StringComparison.Ordinal);
        Assert.Contains("running on CPU instead", warning.Message, StringComparison.Ordinal);
        var output = new float[2];
        engine.Run(new float[12], 1, output, new float[6]);
    }

    [Fact]
    public void Create_GpuProviderWithFallbackOff_ThrowsNamingProviderAndFix()
    {
        var factory = new OnnxEngineFactory();

        var ex = Assert.Throws<ModelLoadException>(() => factory.Create(RepoPaths.TinyAnomaly, new EngineOptions { Provider = "cuda", FallbackToCpu = false }));

        Assert.Contains("provider 'cuda' could not load", ex.Message, StringComparison.Ordinal);
        Assert.Contains("set provider to cpu", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_Cpu_LogsLoadedLineOnly()
    {
        var logger = new ListLogger<OnnxEngineFactory>();

        using var engine = new OnnxEngineFactory(logger).Create(RepoPaths.TinyAction, new EngineOptions { Variant = "int8", Layout = "split" });

        var line = Assert.Single(logger.Lines);
        Assert.Equal(4100, line.Id.Id);
        Assert.Contains("Loaded tiny-action int8 split on cpu: tiny.encoder.int8.onnx, tiny.head.int8.onnx", line.Message, StringComparison.Ordinal);
    }
}
