using EdgeStream.Core.Models;
using EdgeStream.Core.Models.Manifest;
using EdgeStream.Host.Composition;
using EdgeStream.Host.Configuration;
using EdgeStream.Sensors.Csv;

namespace EdgeStream.Host.Replay;

/// <summary>
/// Picks the configured model for each replayed file: clips get the action model the configured camera streams use
/// (replay judges a clip as the cameras are judged; the bundled config: <c>pose</c>), else the first action model by
/// name; a CSV gets the anomaly model whose channel names all appear in its header, else the one with as many channels
/// as the file has. <c>--model NAME</c> overrides the choice for every file of that kind.
/// </summary>
internal sealed class ReplayModelChooser
{
    private readonly List<(string Name, ModelManifest Manifest)> _models = [];
    private readonly HashSet<string> _usedByStreams;

    public ReplayModelChooser(EdgeStreamOptions options)
    {
        _usedByStreams = [.. options.Streams.Select(s => s.Model)];
        foreach (var (name, model) in options.Models)
        {
            try
            {
                _models.Add((name, ManifestLoader.Load(model.Path, verifyFiles: false)));
            }
            catch (ModelLoadException e)
            {
                throw new ModelLoadException($"EdgeStream:Models:{name}: {e.Message}", e);
            }
        }
    }

    public string Choose(ReplayInput input, string? requested)
    {
        var task = input.IsSensor ? ModelTask.Anomaly : ModelTask.Action;
        var candidates = _models.Where(m => m.Manifest.Task == task).ToList();
        if (requested is not null)
        {
            return candidates.Any(m => m.Name == requested) ? requested
                : throw new StartupException($"--model {requested}: no {task.ToString().ToLowerInvariant()} model of that name under EdgeStream:Models ({Names(candidates)})");
        }

        if (candidates.Count == 0)
        {
            throw new StartupException($"{input.Path}: no {task.ToString().ToLowerInvariant()} model under EdgeStream:Models to replay it with");
        }

        return input.IsSensor ? ForCsv(input, candidates)
            : candidates.FirstOrDefault(m => _usedByStreams.Contains(m.Name)).Name ?? candidates[0].Name;
    }

    private static string ForCsv(ReplayInput input, List<(string Name, ModelManifest Manifest)> candidates)
    {
        var header = File.ReadLines(input.Path).FirstOrDefault()
            ?? throw new StartupException($"{input.Path}: empty file, no CSV header");
        var columns = CsvLayout.FromHeader(header).ChannelNames;
        var byName = candidates.FirstOrDefault(m => m.Manifest.Input.ChannelNames is { Count: > 0 } names
            && names.All(n => columns.Contains(n, StringComparer.OrdinalIgnoreCase)));
        if (byName.Name is not null)
        {
            return byName.Name;
        }

        var byCount = candidates.FirstOrDefault(m => m.Manifest.Input.Channels == columns.Count);
        return byCount.Name
            ?? throw new StartupException($"{input.Path}: none of the anomaly models ({Names(candidates)}) takes its {columns.Count} channel(s); pass --model NAME");
    }

    private static string Names(List<(string Name, ModelManifest Manifest)> models) =>
        models.Count == 0 ? "none configured" : string.Join(", ", models.Select(m => m.Name));
}
