using EdgeStream.Core.Pipeline;
using EdgeStream.Core.Sources;
using EdgeStream.Host.Configuration;
using Microsoft.Extensions.Options;

namespace EdgeStream.Host.Replay;

/// <summary>
/// Turns the configuration into a replay: the files replace the configured streams (fast, no loop), queues become
/// lossless so every frame is judged, MQTT only when <c>--broker</c> is given (published directly, no outbox), console only with <c>--print</c>.
/// <c>--set Streams:N:KEY</c> tunes the Nth file's stream (<see cref="ReplayStreamOverrides"/>).
/// Runs after relative paths were resolved and before validation, so the files are checked like configured ones.
/// </summary>
internal sealed class ReplayOptionsSetup(ReplayRequest request, IReadOnlyList<ReplayInput> inputs) : IPostConfigureOptions<EdgeStreamOptions>
{
    public void PostConfigure(string? name, EdgeStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var chooser = new ReplayModelChooser(options);
        options.Streams = [.. inputs.Select(input => new StreamOptions
        {
            Id = input.StreamId,
            Uri = input.Uri,
            Model = chooser.Choose(input, input.IsSensor ? request.AnomalyModel : request.ActionModel),
            Pacing = Pacings.Name(Pacing.Fast),
            Loop = request.StopAfterSteps is not null,
        })];
        ReplayStreamOverrides.Apply(request.Config.Overrides, options.Streams);
        options.Pipeline.Lossless = true;
        options.Sinks.Console = request.Print;
        options.Sinks.Jsonl = null;
        options.Mqtt.Enabled = request.Broker is not null;
        options.Outbox.Enabled = false;
        if (request.Broker is not null)
        {
            options.Mqtt.Broker = request.Broker;
        }

        if (request.Device is not null)
        {
            options.Device = request.Device;
        }
    }
}
