using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;

namespace EdgeStream.Host.Configuration;

/// <summary>Rules for one entry under EdgeStream:Streams.</summary>
internal static class StreamOptionsRules
{
    public static void Check(string key, StreamOptions stream, List<string> problems)
    {
        if (!Names.IsTopicSafe(stream.Id))
        {
            problems.Add($"{key}:Id: '{stream.Id}' must be non-empty and use only letters, digits, '-' and '_' (it is part of MQTT topics)");
        }

        if (string.IsNullOrWhiteSpace(stream.Uri))
        {
            problems.Add($"{key}:Uri: missing; a clip path, /dev/videoN, rtsp://..., csv:PATH or mqtt:TOPIC");
        }
        else if (StreamUri.LocalFile(stream.Uri) is { } file && !File.Exists(file))
        {
            problems.Add($"{key}:Uri: file '{file}' not found");
        }

        if (stream.Pacing is not null && !Pacings.TryParse(stream.Pacing, out _))
        {
            problems.Add($"{key}:Pacing: '{stream.Pacing}' is not one of {string.Join(", ", Pacings.Names)}");
        }

        Rules.AtLeast($"{key}:Stride", stream.Stride, 1, problems);
        Rules.AtLeast($"{key}:WindowLength", stream.WindowLength, 2, problems);
        Rules.AtLeast($"{key}:EnterWindows", stream.EnterWindows, 1, problems);
        Rules.AtLeast($"{key}:ExitWindows", stream.ExitWindows, 1, problems);
        if (stream.Threshold is { } threshold && !(threshold > 0 && double.IsFinite(threshold)))
        {
            problems.Add($"{key}:Threshold: {threshold} must be a positive number");
        }

        if (stream.MaxGapSeconds is { } gap && !(gap > 0 && double.IsFinite(gap)))
        {
            problems.Add($"{key}:MaxGapSeconds: {gap} must be a positive number of seconds (or leave it unset to learn it from the stream)");
        }
    }
}
