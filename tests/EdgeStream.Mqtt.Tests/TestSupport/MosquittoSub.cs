using System.Diagnostics;
using System.Text;

namespace EdgeStream.Mqtt.Tests.TestSupport;

/// <summary>
/// A real <c>mosquitto_sub -v -C N -q 1</c>: it exits after N messages; its stdout lines are "topic payload". Its
/// stdout is block-buffered into a pipe, so whether it has subscribed is read from the broker's log (<see cref="ClientId"/>).
/// </summary>
internal sealed class MosquittoSub : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _messages = [];
    private readonly StringBuilder _all = new();

    private MosquittoSub(Process process, string clientId)
    {
        _process = process;
        ClientId = clientId;
    }

    public string ClientId { get; }

    public static MosquittoSub Start(int port, string topic, int count, params string[] extra)
    {
        var clientId = "sub-" + Guid.NewGuid().ToString("N")[..10];
        string[] args = ["-i", clientId, "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", topic, "-v", "-q", "1", "-C", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-W", "120", .. extra];
        var start = new ProcessStartInfo(Tools.Find("mosquitto_sub")!, args)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto_sub did not start");
        var sub = new MosquittoSub(process, clientId);
        process.OutputDataReceived += (_, e) => sub.OnLine(e.Data, isMessage: true);
        process.ErrorDataReceived += (_, e) => sub.OnLine(e.Data, isMessage: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sub;
    }

    public string Output
    {
        get
        {
            lock (_all)
            {
                return _all.ToString();
            }
        }
    }

    /// <summary>Waits for mosquitto_sub to exit on its own (after N messages) and returns the "topic payload" lines.</summary>
    public async Task<IReadOnlyList<string>> MessagesAsync()
    {
        using var timeout = new CancellationTokenSource(Eventually.Limit);
        await _process.WaitForExitAsync(timeout.Token);
        Assert.True(_process.ExitCode == 0, $"mosquitto_sub exited with {_process.ExitCode}: {Output}");
        lock (_messages)
        {
            return [.. _messages];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void OnLine(string? line, bool isMessage)
    {
        if (line is null)
        {
            return;
        }

        lock (_all)
        {
            _all.AppendLine(line);
        }

        if (!isMessage)
        {
            return;
        }

        lock (_messages)
        {
            _messages.Add(line);
        }
    }
}
