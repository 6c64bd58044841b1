using System.Diagnostics;

namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>
/// A kubectl that keeps running while the test acts (<c>get -w</c>, <c>proxy</c>, <c>wait</c>, <c>delete</c> held by a
/// finalizer). Its standard output and standard error are collected line by line; the test waits for a line, or for the
/// exit. Disposing kills the process (and its children: the dispatcher runs the real kubectl as a child) if it still runs.
/// </summary>
public sealed class KubectlProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _commandLine;
    private readonly Lock _lock = new();
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    private KubectlProcess(Process process, string commandLine)
    {
        _process = process;
        _commandLine = commandLine;
    }

    /// <summary>Whether kubectl has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the process described by <paramref name="start"/> (output redirected) and begins collecting its lines.</summary>
    internal static KubectlProcess Start(ProcessStartInfo start, string commandLine)
    {
        var process = new Process { StartInfo = start };
        var running = new KubectlProcess(process, commandLine);
        process.OutputDataReceived += (_, e) => running.Add(running._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => running.Add(running._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>
    /// Waits until a line of standard output or standard error matches <paramref name="match"/> and returns it; fails
    /// with everything printed when kubectl exits first or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            bool ended;
            lock (_lock)
            {
                var found = _stdout.Concat(_stderr).FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }

                changed = _changed.Task;
                ended = _openStreams == 0;
            }

            if (ended)
            {
                throw new InvalidOperationException("kubectl ended without printing the awaited line\n" + Snapshot(exitCode: ExitCodeOrNull()));
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"kubectl did not print the awaited line within {timeout}\n" + Snapshot(exitCode: null));
            }

            try
            {
                await changed.WaitAsync(remaining);
            }
            catch (TimeoutException)
            {
                // Checked at the top of the loop, with the output for the message.
            }
        }
    }

    /// <summary>Waits for kubectl to exit by itself (killing it and failing after <paramref name="timeout"/>) and returns its run.</summary>
    public async Task<KubectlResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"kubectl did not exit within {timeout}\n" + Snapshot(exitCode: null));
        }

        // WaitForExitAsync returns after the redirected streams reached their end, so every line is in.
        return Snapshot(_process.ExitCode);
    }

    /// <summary>Kills kubectl if it still runs.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        _process.Dispose();
    }

    private int? ExitCodeOrNull() => _process.HasExited ? _process.ExitCode : null;

    private KubectlResult Snapshot(int? exitCode)
    {
        lock (_lock)
        {
            return new KubectlResult(_commandLine, exitCode ?? -1, string.Join('\n', _stdout), string.Join('\n', _stderr));
        }
    }

    private void Add(List<string> lines, string? line)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (line is null)
            {
                _openStreams--;
            }
            else
            {
                lines.Add(line);
            }

            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
