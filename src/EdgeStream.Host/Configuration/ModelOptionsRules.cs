namespace EdgeStream.Host.Configuration;

/// <summary>Rules for one entry under EdgeStream:Models. The manifest itself is checked when the model loads.</summary>
internal static class ModelOptionsRules
{
    public static readonly string[] Layouts = ["split", "fused"];
    public static readonly string[] Providers = ["cpu", "cuda", "tensorrt"];

    public static void Check(string key, ModelOptions model, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(model.Path))
        {
            problems.Add($"{key}:Path: missing; set it to the model folder holding manifest.json");
        }
        else if (!Directory.Exists(model.Path))
        {
            problems.Add($"{key}:Path: model folder '{model.Path}' not found");
        }
        else if (!File.Exists(Path.Combine(model.Path, "manifest.json")))
        {
            problems.Add($"{key}:Path: '{model.Path}' has no manifest.json");
        }

        Rules.OneOf($"{key}:Layout", model.Layout, Layouts, problems);
        Rules.OneOf($"{key}:Provider", model.Provider, Providers, problems);
        Rules.Between($"{key}:IntraOpThreads", model.IntraOpThreads, 1, 256, problems);
        Rules.Between($"{key}:MaxBatch", model.MaxBatch, 1, 1024, problems);
    }
}
