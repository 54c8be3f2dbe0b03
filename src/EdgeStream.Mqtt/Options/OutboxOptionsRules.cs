namespace EdgeStream.Mqtt.Options;

/// <summary>Rules for <see cref="OutboxOptions"/>: each problem is added as "KEY: value ... reason" (the style of every options area).</summary>
public static class OutboxOptionsRules
{
    /// <summary>Adds a problem per bad value, its key under <paramref name="key"/> (e.g. <c>EdgeStream:Outbox:MaxEvents: ...</c>).</summary>
    public static void Check(string key, OutboxOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            problems.Add($"{key}:Path: must name a file (default {OutboxOptions.DefaultFileName} in the state folder)");
        }

        if (options.MaxEvents < 1)
        {
            problems.Add($"{key}:MaxEvents: {options.MaxEvents} must be at least 1");
        }

        if (!(options.MaxMegabytes > 0) || double.IsInfinity(options.MaxMegabytes))
        {
            problems.Add($"{key}:MaxMegabytes: {options.MaxMegabytes} must be a positive number");
        }

        if (!(options.MaxAgeHours > 0) || double.IsInfinity(options.MaxAgeHours))
        {
            problems.Add($"{key}:MaxAgeHours: {options.MaxAgeHours} must be a positive number of hours");
        }
    }
}
