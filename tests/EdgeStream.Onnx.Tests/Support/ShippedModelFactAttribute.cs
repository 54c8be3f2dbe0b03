namespace EdgeStream.Onnx.Tests.Support;

/// <summary>A test on a shipped model (models/NAME); skipped, with the reason shown, while that model has not landed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ShippedModelFactAttribute : FactAttribute
{
    public ShippedModelFactAttribute(string model)
    {
        var manifest = Path.Combine(RepoPaths.ShippedModel(model), "manifest.json");
        if (!File.Exists(manifest))
        {
            Skip = $"models/{model}/manifest.json is not there yet (the trained model has not landed).";
        }
    }
}
