using System.Text.Json.Nodes;
using EdgeStream.Onnx.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace EdgeStream.Onnx.Tests.Golden;

/// <summary>
/// The converted MoveNet encoder (models/pose) in ONNX Runtime against the PyTorch interpreter of its TFJS graph,
/// keypoint by keypoint (models/pose/golden/encoder_golden.json, written by models/training pose_convert), for every
/// encoder variant the manifest ships. The model-level golden (encoder + head) runs in GoldenParityTests.
/// </summary>
public sealed class PoseEncoderGoldenTests(ITestOutputHelper output)
{
    [ShippedModelFact("pose")]
    public void Encoder_EveryShippedVariant_MatchesPyTorchKeypoints()
    {
        var folder = RepoPaths.ShippedModel("pose");
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "golden", "encoder_golden.json")))!;
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!;
        var variants = manifest["variants"]!.AsArray().Select(v => (Name: v!["name"]!.GetValue<string>(), File: v["encoder"]!["file"]!.GetValue<string>())).ToList();
        var testCase = golden["cases"]![0]!;
        var shape = testCase["input"]!["shape"]!.AsArray().Select(d => d!.GetValue<int>()).ToArray();
        var input = Frames(Path.Combine(folder, "golden", testCase["input"]!["file"]!.GetValue<string>()), shape);

        Assert.NotEmpty(variants);
        foreach (var (name, file) in variants)
        {
            var expected = testCase["expected"]![name]!["features"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            var tolerance = golden["tolerance"]![name]!["features"]!.GetValue<double>();
            using var session = new InferenceSession(Path.Combine(folder, file));
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("frames", input)]);
            var actual = results.Single(r => r.Name == "features").AsTensor<float>().ToArray();

            Assert.Equal(expected.Length, actual.Length);
            var worst = expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max();
            output.WriteLine($"{name}: max |ORT - PyTorch| = {worst:G3} (tolerance {tolerance:G3}) over {actual.Length / 3} keypoints");
            Assert.True(worst <= tolerance, $"{name}: keypoints differ from PyTorch by {worst:G3}, more than {tolerance:G3}");
        }
    }

    /// <summary>uint8 [N,S,S,3] RGB letterboxed frames -> frames[N,3,S,S] float pixel values (scale 1, mean 0, std 1).</summary>
    private static DenseTensor<float> Frames(string path, int[] shape)
    {
        var bytes = File.ReadAllBytes(path);
        var (n, h, w) = (shape[0], shape[1], shape[2]);
        Assert.Equal(n * h * w * 3, bytes.Length);
        var tensor = new DenseTensor<float>([n, 3, h, w]);
        for (var i = 0; i < n; i++)
        {
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        tensor[i, c, y, x] = bytes[(((i * h) + y) * w + x) * 3 + c];
                    }
                }
            }
        }

        return tensor;
    }
}
