namespace EdgeStream.Evaluation.Skab;

/// <summary>Both tracks of one detector over a corpus, as <see cref="SkabScorer.Score"/> returns them.</summary>
/// <param name="Files">How many files were scored.</param>
public sealed record SkabScore(SkabOutlierScore Outliers, SkabChangepointScore Changepoints, int Files);
