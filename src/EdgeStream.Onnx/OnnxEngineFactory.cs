using System.Security.Cryptography;
using System.Text;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Onnx.Cuda;
using EdgeStream.Onnx.Providers;
using EdgeStream.Onnx.Sessions;
using EdgeStream.Onnx.Tensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeStream.Onnx;

/// <summary>
/// Loads a model variant into an <see cref="OnnxEngine"/>: picks variant and layout (options, else the manifest's
/// defaults), checks each file's sha256, creates the sessions on the requested provider (CPU fallback per
/// <see cref="EngineOptions.FallbackToCpu"/>), and checks the model's tensors against the manifest.
/// Every failure is a <see cref="ModelLoadException"/> naming the file and the fix.
/// </summary>
public sealed class OnnxEngineFactory : IInferenceEngineFactory
{
    private readonly ILogger _logger;
    private readonly ICudaRuntime _cuda;

    public OnnxEngineFactory(ILogger<OnnxEngineFactory>? logger = null)
        : this(logger, CudaRuntime.Instance)
    {
    }

    internal OnnxEngineFactory(ILogger? logger, ICudaRuntime cuda)
    {
        _logger = logger ?? NullLogger<OnnxEngineFactory>.Instance;
        _cuda = cuda;
    }

    /// <summary>Loads the manifest in <paramref name="modelPath"/> (validated, files checked) and creates the engine.</summary>
    public IInferenceEngine Create(string modelPath, EngineOptions options) => Create(ManifestLoader.Load(modelPath), options);

    public IInferenceEngine Create(ModelManifest manifest, EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(options);
        var (variant, layout) = Select(manifest, options);
        var provider = ExecutionProviders.Normalise(options.Provider);
        var parts = ModelPlan.For(manifest, variant, layout);
        var sessions = new List<IBoundSession>(parts.Count);
        var used = new List<string>(parts.Count);
        try
        {
            foreach (var part in parts)
            {
                var (session, actual) = Open(manifest, variant, part, options, provider);
                sessions.Add(session);
                used.Add(actual);

                // The next part starts where this one landed: one fallback line per engine, not per file.
                provider = actual;
            }
        }
        catch
        {
            sessions.ForEach(s => s.Dispose());
            throw;
        }

        var info = new EngineInfo(manifest.Name, manifest.Version, Sha256(parts), variant.Precision, used.Distinct().Count() == 1 ? used[0] : string.Join("+", used), layout);
        Log.EngineLoaded(_logger, manifest.Name, variant.Name, layout, info.Provider, string.Join(", ", parts.Select(p => p.File.File)), options.IntraOpThreads, sessions[^1].MaxBatch);
        return sessions.Count == 2 ? new OnnxEngine(manifest, info, sessions[0], sessions[1]) : new OnnxEngine(manifest, info, null, sessions[0]);
    }

    internal static (VariantSpec Variant, string Layout) Select(ModelManifest manifest, EngineOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBatch);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.IntraOpThreads);
        var name = options.Variant ?? manifest.Defaults.Variant ?? (manifest.Variants.Count > 0 ? manifest.Variants[0].Name : null)
            ?? throw new ModelLoadException($"{manifest.Name}: the manifest lists no variants.");
        var variant = manifest.FindVariant(name)
            ?? throw new ModelLoadException($"{manifest.Name}: variant '{name}' is not in the manifest; choose one of: {string.Join(", ", manifest.Variants.Select(v => v.Name))}.");
        var layouts = variant.Layouts();
        var layout = options.Layout?.Trim().ToLowerInvariant() ?? manifest.Defaults.Layout ?? layouts[0];
        if (!layouts.Contains(layout))
        {
            throw new ModelLoadException($"{manifest.Name}: variant '{variant.Name}' has no '{layout}' layout; it has: {string.Join(", ", layouts)}.");
        }

        return (variant, layout);
    }

    private (IBoundSession Session, string Provider) Open(ModelManifest manifest, VariantSpec variant, ModelPart part, EngineOptions options, string provider)
    {
        if (ModelFiles.CheckOne(manifest, part.File, $"variant '{variant.Name}' {part.Role}") is { } problem)
        {
            throw new ModelLoadException($"{manifest.Name}: {problem}");
        }

        var path = manifest.Resolve(part.File.File);

        // The encoder takes frames: a whole window at once when the batch limit allows (first window, verification).
        var wanted = part.Role == "encoder" ? Math.Max(options.MaxBatch, manifest.WindowLength()) : options.MaxBatch;
        var gpu = ProviderChain.IsGpu(provider)
            ? new GpuSetup(options.Gpu, part.Input, BatchSizes.From(options.Gpu.BatchSizes, wanted, int.MaxValue), part.File.Sha256, variant.Precision, _cuda)
            : null;
        var (session, actual) = SessionLoader.Create(path, variant, options, provider, _logger, gpu);
        try
        {
            var limit = SessionValidator.Check(session, path, part.Input, part.Outputs);
            if (limit == 1 && options.MaxBatch > 1)
            {
                Log.FixedBatch(_logger, DisplayPath.Of(path));
            }

            if (ProviderChain.IsGpu(actual))
            {
                var sizes = BatchSizes.From(options.Gpu.BatchSizes, wanted, limit);
                return (DeviceSessions.Open(session, path, part, sizes, options.Gpu, actual, _cuda, _logger), actual);
            }

            return (new BoundSession(session, path, part.Input, part.Outputs, Math.Min(wanted, limit)), actual);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Fused: the file's sha256. Split: sha256 over the encoder's and head's sha256 (hex), so either file changing changes it.</summary>
    private static string Sha256(IReadOnlyList<ModelPart> parts) => parts.Count == 1
        ? parts[0].File.Sha256.ToLowerInvariant()
        : Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(string.Concat(parts.Select(p => p.File.Sha256.ToLowerInvariant())))));
}
