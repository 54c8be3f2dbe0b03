using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Host.Configuration;
using EdgeStream.Onnx;
using Microsoft.Extensions.Logging;

namespace EdgeStream.Host.Composition;

/// <summary>
/// One engine per configured model that some stream uses (streams of one model share it and are batched
/// together). A missing or bad model throws <see cref="ModelLoadException"/> naming the config key.
/// </summary>
internal static class EngineCatalog
{
    public static Dictionary<string, IInferenceEngine> Load(EdgeStreamOptions options, ILoggerFactory loggers, List<IDisposable> owned)
    {
        var factory = new OnnxEngineFactory(loggers.CreateLogger<OnnxEngineFactory>());
        var engines = new Dictionary<string, IInferenceEngine>(StringComparer.Ordinal);
        foreach (var name in options.Streams.Select(s => s.Model).Distinct(StringComparer.Ordinal))
        {
            var model = options.Models[name];
            try
            {
                var manifest = ManifestLoader.Load(model.Path);
                var engine = factory.Create(manifest, EngineOptionsFor(model));
                owned.Add(engine);
                EngineWarmup.Run(engine, loggers.CreateLogger(typeof(EngineWarmup).FullName!));
                engines[name] = engine;
            }
            catch (ModelLoadException e)
            {
                throw new ModelLoadException($"EdgeStream:Models:{name}: {e.Message}", e);
            }
        }

        return engines;
    }

    /// <summary>
    /// The one translation from a configured model to the engine's options. <c>Gpu</c> is handed over as bound
    /// (the same type on both sides), so a GPU setting added later cannot be dropped here; EngineCatalogMappingTests
    /// binds every engine option through the host's configuration path and checks that it arrives.
    /// </summary>
    internal static EngineOptions EngineOptionsFor(ModelOptions model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new EngineOptions
        {
            Variant = model.Variant,
            Layout = model.Layout,
            Provider = model.Provider,
            IntraOpThreads = model.IntraOpThreads,
            MaxBatch = model.MaxBatch,
            FallbackToCpu = model.FallbackToCpu,
            Gpu = model.Gpu,
        };
    }
}
