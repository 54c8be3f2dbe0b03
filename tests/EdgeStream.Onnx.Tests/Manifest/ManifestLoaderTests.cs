using System.Text.Json.Nodes;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx.Tests.Support;

namespace EdgeStream.Onnx.Tests.Manifest;

public sealed class ManifestLoaderTests
{
    [Fact]
    public void Load_TinyActionFolder_BindsEveryField()
    {
        var m = ManifestLoader.Load(RepoPaths.TinyAction);

        Assert.Equal(ModelTask.Action, m.Task);
        Assert.Equal(["idle", "wave", "fall"], m.Labels);
        Assert.Equal(4, m.Input.Frames);
        Assert.Equal([0.25f, 0.25f, 0.25f], m.Input.Std);
        Assert.Equal(3, m.Variants.Count);
        Assert.Equal(["split", "fused"], m.Variants[0].Layouts());
        Assert.Equal("int8", m.Defaults.Variant);
        Assert.Equal(Path.GetFullPath(RepoPaths.TinyAction), m.Directory);
        Assert.Equal(3 * 8 * 8, m.FrameLength());
    }

    [Fact]
    public void Load_TinyAnomalyManifestFile_BindsSensorFields()
    {
        var m = ManifestLoader.Load(Path.Combine(RepoPaths.TinyAnomaly, "manifest.json"));

        Assert.Equal(ModelTask.Anomaly, m.Task);
        Assert.Equal("warmup", m.Input.Normalisation!.Kind);
        Assert.Equal(1e-3f, m.Input.Normalisation.MinStd);
        Assert.Equal(4.0, m.Defaults.Score!.Threshold);
        Assert.Equal(2, m.FrameLength());
        Assert.Equal(6, m.WindowLength());
    }

    public static TheoryData<string, string> BadEdits => new()
    {
        { """{"input":{"mean":[0.5]}}""", "input.mean has 1 value, expected 3 (one per channel)" },
        { """{"input":{"std":[0.5, 0, 0.5]}}""", "input.std[1] is 0" },
        { """{"input":{"colorOrder":"yuv"}}""", "input.colorOrder is 'yuv', expected 'rgb' or 'bgr'" },
        { """{"input":{"resize":"crop"}}""", "input.resize is 'crop', expected 'stretch' or 'letterbox'" },
        { """{"input":{"frames":0}}""", "input.frames is 0, expected a positive number" },
        { """{"formatVersion":2}""", "formatVersion 2 is not supported" },
        { """{"labels":["idle","idle","fall"]}""", "labels[1] 'idle' appears twice" },
        { """{"tensors":{"logits":""}}""", "tensors.logits is missing or empty" },
        { """{"featureSize":0}""", "featureSize is 0, expected a positive number" },
        { """{"defaults":{"variant":"bf16"}}""", "defaults.variant 'bf16' is not a variant of this model" },
        { """{"defaults":{"layout":"pipelined"}}""", "defaults.layout is 'pipelined', expected 'split' or 'fused'" },
        { """{"defaults":{"stride":9}}""", "defaults.stride is 9, expected 1..4" },
        { """{"defaults":{"threshold":1.5}}""", "defaults.threshold is 1.5, expected a probability" },
        { """{"defaults":{"topK":4}}""", "defaults.topK is 4, expected 1..3" },
        { """{"variants":[{"name":"fp32","precision":"fp64","ioType":"float32","fused":{"file":"tiny.fused.fp32.onnx","sha256":"0000000000000000000000000000000000000000000000000000000000000000"}}],"defaults":{"variant":"fp32","layout":"fused"}}""", "variants[0].precision is 'fp64'" },
        { """{"variants":[{"name":"fp32","precision":"fp32","ioType":"float32","encoder":{"file":"a.onnx","sha256":"0000000000000000000000000000000000000000000000000000000000000000"}}],"defaults":{"variant":"fp32","layout":"split"}}""", "variants[0] has encoder without head" },
        { """{"variants":[{"name":"fp32","precision":"fp32","ioType":"float32","fused":{"file":"tiny.fused.fp32.onnx","sha256":"abc"}}],"defaults":{"variant":"fp32","layout":"fused"}}""", "variants[0].fused.sha256 'abc' is not a sha256" },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public void Load_BadField_MessageNamesFieldAndFix(string merge, string expected)
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        copy.EditManifest(root => Merge(root, JsonNode.Parse(merge)!.AsObject()));

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("manifest.json", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stretch")]
    [InlineData("letterbox")]
    public void Load_ResizeMode_IsAccepted(string resize)
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        copy.EditManifest(root => root["input"]!.AsObject()["resize"] = resize);

        var m = ManifestLoader.Load(copy.Folder);

        Assert.Equal(resize, m.Input.Resize);
    }

    [Fact]
    public void Load_UnknownProperty_NamesItsPath()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        copy.EditManifest(root => root["input"]!.AsObject()["meen"] = JsonNode.Parse("[0.5,0.5,0.5]"));

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains("meen", ex.Message, StringComparison.Ordinal);
        Assert.Contains("$.input", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingTask_SaysTaskIsRequired()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        copy.EditManifest(root => root.Remove("task"));

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains("task", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TaskNotAnEnumValue_NamesTheField()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        copy.EditManifest(root => root["task"] = "detect");

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains("$.task", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BrokenJson_GivesLineNumber()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        File.WriteAllText(copy.ManifestPath, "{\n  \"formatVersion\": 1,\n  \"name\": \n}");

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains("(line 4)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ListsEach()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        copy.EditManifest(root => Merge(root, JsonNode.Parse("""{"name":"","input":{"mean":[0.5],"fps":0}}""")!.AsObject()));

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains("3 problems", ex.Message, StringComparison.Ordinal);
        Assert.Contains("name is missing", ex.Message, StringComparison.Ordinal);
        Assert.Contains("input.fps is 0", ex.Message, StringComparison.Ordinal);
        Assert.Contains("input.mean has 1 value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnomalyWithoutNormalisation_NamesIt()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAnomaly);
        copy.EditManifest(root => root["input"]!.AsObject().Remove("normalisation"));

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains("input.normalisation is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AnomalyWithoutScore_NamesIt()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAnomaly);
        copy.EditManifest(root => root["defaults"]!.AsObject().Remove("score"));

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains("defaults.score is missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoManifest_SaysNotFound()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        File.Delete(copy.ManifestPath);

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains("model manifest not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingModelFile_NamesFileAndVariant()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        File.Delete(copy.PathOf("tiny.head.int8.onnx"));

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains("variants[2] (int8).head.file", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tiny.head.int8.onnx' not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ModelFileChanged_ReportsSha256Mismatch()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        using (var f = File.OpenWrite(copy.PathOf("tiny.fused.fp32.onnx")))
        {
            f.Seek(100, SeekOrigin.Begin);
            f.WriteByte(0x5a);
        }

        var ex = Assert.Throws<ModelLoadException>(() => ManifestLoader.Load(copy.Folder));

        Assert.Contains("variants[0] (fp32).fused.sha256", ex.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WithoutFileChecks_AcceptsMissingFiles()
    {
        using var copy = new ModelCopy(RepoPaths.TinyAction);
        File.Delete(copy.PathOf("tiny.head.int8.onnx"));

        var m = ManifestLoader.Load(copy.Folder, verifyFiles: false);

        Assert.Equal("tiny-action", m.Name);
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                patch.Remove(key);
                target[key] = value;
            }
        }
    }
}
