using System.Diagnostics;
using System.Text;

namespace VirtRigaud.Grpc.Tests.Interop;

/// <summary>
/// A peer program (the python interop server or client) run as a child process: stdout and stderr are captured for
/// failure messages, waits are bounded, and disposing kills the whole process tree whatever state the test left.
/// </summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly List<(string Prefix, TaskCompletionSource<string> Line)> _lineWaiters = [];

    private PeerProcess(Process process, string commandLine)
    {
        _process = process;
        CommandLine = commandLine;
    }

    /// <summary>The command as a shell would show it, for failure messages.</summary>
    public string CommandLine { get; }

    /// <summary>Everything the process wrote to stdout so far.</summary>
    public string Stdout
    {
        get
        {
            lock (_gate)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Everything the process wrote to stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The command, its output so far and its exit code if it ended: what a failure message needs.</summary>
    public string Describe()
    {
        var exit = _process.HasExited ? $"exit code {_process.ExitCode}" : "still running";
        return $"$ {CommandLine}\n({exit})\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
    }

    public static PeerProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Loopback peers only: C-core would otherwise honour a proxy from the environment.
        info.Environment.Remove("http_proxy");
        info.Environment.Remove("https_proxy");
        info.Environment.Remove("grpc_proxy");
        info.Environment["PYTHONUNBUFFERED"] = "1";

        var process = new Process { StartInfo = info };
        var peer = new PeerProcess(process, string.Join(' ', info.ArgumentList.Prepend(fileName)));
        process.OutputDataReceived += (_, e) => peer.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => peer.OnError(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>The first stdout line starting with <paramref name="prefix"/>, waiting at most <paramref name="timeout"/>.</summary>
    /// <exception cref="InvalidOperationException">The process ended or the time ran out first; the message holds its output.</exception>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout)
    {
        var line = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            var seen = _stdout.ToString().Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
            if (seen is not null)
            {
                return seen;
            }

            _lineWaiters.Add((prefix, line));
        }

        using var stopWaiting = new CancellationTokenSource();
        var exited = _process.WaitForExitAsync(stopWaiting.Token);
        var finished = await Task.WhenAny(line.Task, exited, Task.Delay(timeout, stopWaiting.Token)).ConfigureAwait(false);
        await stopWaiting.CancelAsync().ConfigureAwait(false);
        if (finished == line.Task)
        {
            return await line.Task.ConfigureAwait(false);
        }

        var why = finished == exited ? "ended" : $"did not print it within {timeout.TotalSeconds} s";
        throw new InvalidOperationException($"waiting for a line starting with \"{prefix}\": the process {why}\n{Describe()}");
    }

    /// <summary>Waits for the process to end by itself; returns its exit code.</summary>
    /// <exception cref="TimeoutException">It was still running after <paramref name="timeout"/> (it is killed); the message holds its output.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"the process did not end within {timeout.TotalSeconds} s\n{Describe()}");
        }

        // WaitForExitAsync returns once stdout and stderr reached their end, so the output is complete.
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Killed but not reaped within the bound: nothing more can be done, the test result stands.
        }

        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended between the check and the kill.
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _stdout.Append(line).Append('\n');
            for (var i = _lineWaiters.Count - 1; i >= 0; i--)
            {
                if (line.StartsWith(_lineWaiters[i].Prefix, StringComparison.Ordinal))
                {
                    _lineWaiters[i].Line.TrySetResult(line);
                    _lineWaiters.RemoveAt(i);
                }
            }
        }
    }

    private void OnError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _stderr.Append(line).Append('\n');
        }
    }
}
