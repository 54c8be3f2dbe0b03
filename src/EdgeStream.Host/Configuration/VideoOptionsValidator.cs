using EdgeStream.Video.Capture;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Configuration;

/// <summary>Runs the video adapter's own checks (it names the key) as part of start-up validation.</summary>
internal sealed class VideoOptionsValidator : IValidateOptions<VideoSourceOptions>
{
    public ValidateOptionsResult Validate(string? name, VideoSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            // The adapter says "EdgeStream:Video:Key must be ... (Parameter 'Key')"; keep the first part.
            return ValidateOptionsResult.Fail(e.Message.Split(" (Parameter", 2)[0].Replace(" must", ": must", StringComparison.Ordinal));
        }
    }
}
