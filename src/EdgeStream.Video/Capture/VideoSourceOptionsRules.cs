namespace EdgeStream.Video.Capture;

/// <summary>
/// Rules for <see cref="VideoSourceOptions"/>, in the style of every options area: each problem is added to
/// <c>problems</c> as "KEY: reason", so start-up lists them all at once (the host) or one exception names them all (the factory).
/// </summary>
public static class VideoSourceOptionsRules
{
    /// <summary>Adds a problem per bad value, its key under <paramref name="key"/> (e.g. <c>EdgeStream:Video:ReconnectJitter: must be in [0, 1).</c>).</summary>
    public static void Check(string key, VideoSourceOptions options, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        Require(!string.IsNullOrWhiteSpace(options.FfmpegPath), nameof(options.FfmpegPath), "must not be empty");
        Require(options.StallTimeoutSeconds > 0, nameof(options.StallTimeoutSeconds), "must be > 0");
        Require(options.ConnectTimeoutSeconds > 0, nameof(options.ConnectTimeoutSeconds), "must be > 0");
        Require(options.NetworkTimeoutSeconds > 0, nameof(options.NetworkTimeoutSeconds), "must be > 0");
        Require(options.ReconnectInitialSeconds > 0, nameof(options.ReconnectInitialSeconds), "must be > 0");
        Require(options.ReconnectMaxSeconds >= options.ReconnectInitialSeconds, nameof(options.ReconnectMaxSeconds), "must be >= ReconnectInitialSeconds");
        Require(options.ReconnectJitter is >= 0 and < 1, nameof(options.ReconnectJitter), "must be in [0, 1)");
        Require(options.MaxReconnectAttempts is null or >= 0, nameof(options.MaxReconnectAttempts), "must be >= 0");
        Require(options.OpenCvThreads is null or >= 0, nameof(options.OpenCvThreads), "must be >= 0");
        Require(options.StderrTailLines >= 0, nameof(options.StderrTailLines), "must be >= 0");

        void Require(bool ok, string name, string problem)
        {
            // Worded as the host printed these problems before the rules moved beside the options ("KEY: must be ...").
            if (!ok)
            {
                problems.Add($"{key}:{name}: {problem}.");
            }
        }
    }
}
