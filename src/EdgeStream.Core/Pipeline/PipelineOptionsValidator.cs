namespace EdgeStream.Core.Pipeline;

/// <summary>Checks the pipeline's options and stream list before anything starts; messages name the setting.</summary>
internal static class PipelineOptionsValidator
{
    public static void Validate(PipelineOptions options, IReadOnlyList<StreamBinding> streams)
    {
        Positive(options.StepQueue, "Pipeline:StepQueue");
        Positive(options.WindowQueue, "Pipeline:WindowQueue");
        Positive(options.EventQueue, "Pipeline:EventQueue");
        Positive(options.StatusIntervalSeconds, "Pipeline:StatusIntervalSeconds");
        Positive(options.DrainTimeoutSeconds, "Pipeline:DrainTimeoutSeconds");
        if (options.MaxBatchWaitMs < 0)
        {
            throw new ArgumentException($"Pipeline:MaxBatchWaitMs must not be negative (got {options.MaxBatchWaitMs}).", nameof(options));
        }

        if (streams.Count == 0)
        {
            throw new ArgumentException("At least one stream is needed.", nameof(streams));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binding in streams)
        {
            ArgumentNullException.ThrowIfNull(binding);
            if (string.IsNullOrWhiteSpace(binding.Options.Id) || !ids.Add(binding.Options.Id))
            {
                throw new ArgumentException($"Streams: ids must be unique and not empty ('{binding.Options.Id}').", nameof(streams));
            }
        }
    }

    private static void Positive(double value, string key)
    {
        if (!(value > 0))
        {
            throw new ArgumentException($"{key} must be positive (got {value}).", key);
        }
    }
}
