using System.Globalization;
using EdgeStream.Evaluation.Nab;

namespace EdgeStream.Host.Evaluation;

/// <summary>
/// <c>evaluate nab --rows DIR</c>: every file's rows in NAB's results layout
/// (<c>DIR/&lt;category&gt;/edgestream_&lt;name&gt;.csv</c>): <c>timestamp,value,anomaly_score,raw_score,label</c>, where
/// anomaly_score is the shipped detection (1 on the row an event started), raw_score the per-row score the NAB
/// protocol sweeps, label 1 inside a labelled window. What a user needs to look at a miss, or to hand the rows to
/// NAB's own scorer.
/// </summary>
internal static class NabRowsWriter
{
    public static void Write(string folder, NabEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var corpus = evaluation.Corpus;
        for (var i = 0; i < corpus.Files.Count; i++)
        {
            var file = corpus.Files[i];
            var data = evaluation.Data[i];
            var raw = evaluation.Raw[i];
            var windows = corpus.Labels.WindowsFor(file);
            var path = Path.Combine(folder, NabFileRows.CategoryOf(file), "edgestream_" + Path.GetFileName(file));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var writer = new StreamWriter(path);
            writer.WriteLine("timestamp,value,anomaly_score,raw_score,label");
            for (var r = 0; r < data.Timestamps.Count; r++)
            {
                var t = data.Timestamps[r];
                var label = windows.Any(w => w.Start <= t && t <= w.End) ? 1 : 0;
                var detection = evaluation.Detections[i].Scores[r] >= NabEvaluation.ShippedThreshold ? 1 : 0;
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{t:yyyy-MM-dd HH:mm:ss},{data.Values[r]:R},{detection},{raw.Scores[r]:R},{label}"));
            }
        }
    }
}
