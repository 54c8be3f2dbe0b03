using System.Diagnostics;
using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Core.Sources;
using EdgeStream.Core.Windows;
using EdgeStream.Host.Composition;
using EdgeStream.Host.Configuration;
using EdgeStream.Host.Hosting;
using EdgeStream.Host.Replay;
using EdgeStream.Video.Capture;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Keypoints;

/// <summary>
/// <c>edgestream keypoints</c>: every clip of a labelled folder through the pipeline's own front half (the configured
/// video source with its decoder and letterbox preprocessing, the resampler to the model's rate, the model's encoder
/// through ONNX Runtime), written as one feature file per clip plus index.json (<see cref="KeypointFiles"/>). Clip times
/// are on replay's fixed time base. A clip that cannot be read is reported and skipped; the others go on.
/// </summary>
internal static class KeypointRunner
{
    public static async Task<KeypointsResult> RunAsync(KeypointsRequest request, LogLevel logLevel, Action<ClipResult>? onClip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var clock = Stopwatch.StartNew();
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.Folder, request.CurrentDirectory));
        var outFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.Out, request.CurrentDirectory));
        if (outFolder == folder || outFolder.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new StartupException($"--out {request.Out}: inside the clip folder {folder}, where its label folders would be read as labels next time; choose a folder outside it");
        }

        var (clips, ignored) = ClipFolder.Read(folder);
        if (!clips.Any(c => File.Exists(c.Path)))
        {
            throw new StartupException($"{folder}: none of its {clips.Count} clip(s) can be opened (broken links?); check the files");
        }

        var setup = new KeypointsOptionsSetup(request.Model, clips, request.CurrentDirectory);
        var builder = EdgeStreamHostBuilder.Create(request.Config, logLevel);
        builder.Services.AddSingleton<IPostConfigureOptions<EdgeStreamOptions>>(setup);
        using var host = builder.Build();
        var options = host.Services.GetRequiredService<IOptions<EdgeStreamOptions>>().Value;
        var video = host.Services.GetRequiredService<IOptions<VideoSourceOptions>>().Value;
        video.RetryFiles = false; // an unreadable clip is skipped, not retried for ever
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();
        var file = host.Services.GetRequiredService<ConfigFile>();

        var owned = new List<IDisposable>();
        try
        {
            var engine = EngineCatalog.Load(options, loggers, owned)[setup.ModelName];
            var manifest = engine.Manifest;
            if (!engine.EncodesFrames)
            {
                throw new StartupException($"--model {request.Model}: '{manifest.Name}' has no separate encoder (split layout); keypoints need a model whose encoder turns each frame into features, such as models/pose");
            }

            var variantName = options.Models[setup.ModelName].Variant ?? manifest.Defaults.Variant ?? manifest.Variants[0].Name;
            var variant = manifest.FindVariant(variantName)!; // the engine loaded it
            Directory.CreateDirectory(outFolder);
            var catalog = new SourceCatalog(options, video, file.Directory, TimeProvider.System, loggers, embeddedPort: null) { Epoch = ReplayRequest.Epoch };
            var results = new List<ClipResult>(clips.Count);
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var streamIndex = 0;
            foreach (var clip in clips)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                // Only the clips that existed when the options were made are streams (KeypointsOptionsSetup), in order.
                var result = options.Streams.Count > streamIndex && options.Streams[streamIndex].Uri == clip.Path
                    ? await ExtractAsync(clip, streamIndex++, options, catalog, engine, outFolder, taken, cancellationToken)
                    : new ClipResult(clip) { Failure = "cannot be opened (a broken link or no longer there)" };
                results.Add(result);
                onClip?.Invoke(result);
            }

            var golden = GoldenFeatures.Encode(manifest, options.Models[setup.ModelName], loggers);
            if (golden.Count > 0)
            {
                KeypointFiles.WriteGoldenFeatures(outFolder, manifest, golden);
            }

            var index = KeypointFiles.WriteIndex(outFolder, folder, manifest, engine.Info, variant, results, golden.Count > 0);
            return new KeypointsResult(results, ignored, index, engine.Info, clock.Elapsed, cancellationToken.IsCancellationRequested);
        }
        finally
        {
            foreach (var engine in owned)
            {
                engine.Dispose();
            }
        }
    }

    private static async Task<ClipResult> ExtractAsync(LabelledClip clip, int index, EdgeStreamOptions options, SourceCatalog catalog, IInferenceEngine engine, string outFolder, HashSet<string> taken, CancellationToken cancellationToken)
    {
        var stream = options.Streams[index];
        var recorder = new FeatureRecorder(engine, stream.MaxGapSeconds is { } gap ? TimeSpan.FromSeconds(gap) : GapLimit.Floor, ReplayRequest.Epoch);
        string? failure = null;
        var source = catalog.Create(index, stream, engine);
        await using (source)
        {
            try
            {
                // Decoding blocks its thread, as in the pipeline (SourceRunner runs sources on the thread pool).
                await Task.Run(() => source.RunAsync(recorder, cancellationToken), CancellationToken.None);
                recorder.Finish();
            }
            catch (SourceGaveUpException e)
            {
                failure = e.Message;
            }
            catch (InferenceException e)
            {
                failure = $"the encoder failed: {e.Message}";
            }
        }

        var rows = recorder.Rows;
        if (failure is null && rows.Count == 0)
        {
            failure = recorder.Problem ?? "no frame could be decoded";
        }

        if (failure is not null)
        {
            return new ClipResult(clip) { Failure = failure, Decoded = recorder.Decoded, Rejected = recorder.Rejected };
        }

        var relative = KeypointFiles.WriteClip(outFolder, clip, rows, engine.StepLength, taken);
        return new ClipResult(clip)
        {
            File = relative,
            Frames = rows.Count,
            Seconds = rows[^1].Seconds - rows[0].Seconds + (1.0 / engine.Manifest.Input.Fps!.Value),
            Decoded = recorder.Decoded,
            Rejected = recorder.Rejected,
            Note = Note(recorder, rows.Count, engine.WindowLength),
        };
    }

    private static string? Note(FeatureRecorder recorder, int frames, int window)
    {
        var notes = new List<string>();
        if (frames < window)
        {
            notes.Add($"shorter than one window ({frames} of {window} frames): it gives no training window");
        }

        if (recorder.Rejected > 0)
        {
            notes.Add($"{recorder.Rejected} frame(s) could not be decoded, first: {recorder.FirstReject}");
        }

        if (recorder.Problem is { } problem && problem.Contains("truncated", StringComparison.Ordinal))
        {
            notes.Add(problem);
        }

        return notes.Count == 0 ? null : string.Join("; ", notes);
    }
}
