namespace EdgeStream.Host.Systemd;

/// <summary>
/// The rule for <c>WATCHDOG=1</c>, judged once per interval (half of <c>WatchdogSec</c>) from the totals at its
/// start and end. The service is healthy when, within the interval:
/// <list type="number">
/// <item>inference is not stuck: if windows were waiting at both ends, at least one more went through inference; and</item>
/// <item>either some source delivered a step and the step or inference stage did work within the interval,
/// or no stream claims to be producing (every source reported itself offline with a reason: reconnecting with
/// backoff, ended, stopped), which is a legitimate idle: restarting cannot bring a camera back.</item>
/// </list>
/// A stream that says it is online but delivers nothing for a whole interval while no other stream delivers is a
/// stall; so is a stage that stops consuming. Sources detect their own stalls sooner (video
/// <c>StallTimeoutSeconds</c>, 10 s, below the 15 s interval of <c>WatchdogSec=30</c>), report offline and reconnect;
/// the watchdog catches what that in-process recovery misses: a hung source, stage, engine or sink.
/// </summary>
internal static class WatchdogPolicy
{
    public static WatchdogVerdict Judge(ProgressSample previous, ProgressSample current, TimeSpan interval)
    {
        var seconds = $"{interval.TotalSeconds:0.#} s";
        if (previous.PendingWindows > 0 && current.PendingWindows > 0 && current.Inferred == previous.Inferred)
        {
            return new(false, $"stalled: {current.PendingWindows} window(s) wait for inference, none inferred in {seconds}");
        }

        if (current.SourceSteps > previous.SourceSteps)
        {
            return current.SinceStageProgress <= interval
                ? new(true, "running")
                : new(false, $"stalled: sources deliver steps but no stage did work for {current.SinceStageProgress.TotalSeconds:0.#} s");
        }

        return current.Online == 0
            ? new(true, "idle: no stream is producing (each source reported why)")
            : new(false, $"stalled: no step in {seconds} from {current.Online} stream(s) that say they are online");
    }
}
