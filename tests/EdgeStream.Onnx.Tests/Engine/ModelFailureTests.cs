using System.Text.Json.Nodes;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx.Tests.Support;

namespace EdgeStream.Onnx.Tests.Engine;

/// <summary>Missing, corrupt and mismatched models: each stops loading with a message naming the file and the problem.</summary>
public sealed class ModelFailureTests
{
    private readonly OnnxEngineFactory _factory = new();

    [Fact]
    public void Create_ModelFileMissing_NamesFile()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAnomaly);
        var manifest = ManifestLoader.Load(copy.Folder);
        File.Delete(copy.PathOf("tiny-anomaly.fp32.onnx"));

        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(manifest, new EngineOptions()));

        Assert.Contains("tiny-anomaly.fp32.onnx' not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ModelFileAlteredAfterManifestLoad_ReportsSha256Mismatch()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAnomaly);
        var manifest = ManifestLoader.Load(copy.Folder);
        File.WriteAllBytes(copy.PathOf("tiny-anomaly.fp32.onnx"), File.ReadAllBytes(copy.PathOf("tiny-anomaly.fp32.onnx"))[..1000]);

        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(manifest, new EngineOptions()));

        Assert.Contains("sha256", ex.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_GarbageBytesWithMatchingSha_SaysNotAValidOnnxModel()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAnomaly);
        var garbage = new byte[4096];
        new Random(1).NextBytes(garbage);
        File.WriteAllBytes(copy.PathOf("tiny-anomaly.fp32.onnx"), garbage);
        var sha = ModelFiles.Sha256Of(copy.PathOf("tiny-anomaly.fp32.onnx"));
        copy.EditManifest(root => root["variants"]![0]!["fused"]!["sha256"] = sha);

        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(copy.Folder, new EngineOptions()));

        Assert.Contains("tiny-anomaly.fp32.onnx: not a valid ONNX model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_FeatureSizeDisagreesWithModel_NamesTensorExpectedAndActual()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        copy.EditManifest(root => root["featureSize"] = 7);

        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(copy.Folder, new EngineOptions { Variant = "fp32", Layout = "split" }));

        Assert.Contains("tiny.encoder.fp32.onnx: output 'features' has shape [?,6] Float, expected [B,7] Float", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WindowLengthDisagreesWithModel_NamesInputShape()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAnomaly);
        copy.EditManifest(root => root["input"]!["window"] = 8);

        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(copy.Folder, new EngineOptions()));

        Assert.Contains("input 'window' has shape [?,6,2] Float, expected [B,8,2] Float", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TensorNameNotInModel_ListsTheModelsNames()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAnomaly);
        copy.EditManifest(root => root["tensors"]!["forecast"] = "prediction");

        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(copy.Folder, new EngineOptions()));

        Assert.Contains("output 'prediction' (forecast, named by the manifest's tensors) not found; the model has outputs: forecast, attention", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_IoTypeDisagreesWithModel_NamesElementTypes()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAnomaly);
        copy.EditManifest(root => root["variants"]![0]!["ioType"] = "float16");

        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(copy.Folder, new EngineOptions { Variant = "fp32" }));

        Assert.Contains("input 'window' has element type Float, the manifest's ioType expects Float16", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_TwoLabelsForThreeLogits_NamesLogitsShape()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        copy.EditManifest(root =>
        {
            root["labels"] = JsonNode.Parse("""["idle","fall"]""");
            root["defaults"]!["topK"] = 2;
        });

        var ex = Assert.Throws<ModelLoadException>(() => _factory.Create(copy.Folder, new EngineOptions { Variant = "fp32", Layout = "fused" }));

        Assert.Contains("output 'logits' has shape [?,3] Float, expected [B,2] Float", ex.Message, StringComparison.Ordinal);
    }
}
