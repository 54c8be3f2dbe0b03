using EdgeStream.Video.Capture;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Configuration;

/// <summary>Runs the video adapter's own rules (<see cref="VideoSourceOptionsRules"/>, beside its options) as part of start-up validation.</summary>
internal sealed class VideoOptionsValidator : IValidateOptions<VideoSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, VideoSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        VideoSourceOptionsRules.Check(VideoSourceOptions.SectionName, options, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
