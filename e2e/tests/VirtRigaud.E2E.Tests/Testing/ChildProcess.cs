using System.Diagnostics;
using System.Globalization;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>
/// A command run as the leader of its own session and process group (through <c>setsid</c>), the way a terminal runs
/// a foreground job: <see cref="InterruptAsync"/> is a Ctrl+C, SIGINT to the whole group. Standard output and standard
/// error are collected line by line in arrival order. Disposing ends whatever is left of the group (SIGTERM, then
/// SIGKILL). Thread-safe.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    /// <summary>How long <see cref="DisposeAsync"/> lets the group stop after SIGTERM before it kills it.</summary>
    public static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(30);

    // How much of the output a failure message quotes.
    private const int QuotedLines = 150;

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly List<string> _lines = [];
    private TaskCompletionSource _changed = NewSignal();
    private int _openStreams = 2;

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>What the process is, for messages.</summary>
    public string Name { get; }

    /// <summary>The process id, which is also its process group and session id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited and its output is complete.</summary>
    public bool HasExited
    {
        get
        {
            lock (_gate)
            {
                return _openStreams == 0 && _process.HasExited;
            }
        }
    }

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> in a new session; standard input is empty.</summary>
    public static ChildProcess Start(string name, string workingDirectory, IReadOnlyDictionary<string, string>? environment, string fileName, params IEnumerable<string> arguments)
    {
        // setsid: a session and process group of its own; env --default-signal: SIGINT handled as a terminal's job
        // gets it even when this test run was started with SIGINT ignored (a background job of a shell).
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("env");
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The lines printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The last lines printed, for failure messages.</summary>
    public string Tail()
    {
        var lines = Lines;
        return $"--- {Name} (pid {Id}), last {Math.Min(QuotedLines, lines.Count)} of {lines.Count} lines ---\n"
            + string.Join('\n', lines.Skip(Math.Max(0, lines.Count - QuotedLines)));
    }

    /// <summary>
    /// Waits for a line matching <paramref name="match"/> (lines already printed count) and returns it; fails with the
    /// output when the process ends first or <paramref name="timeout"/> passes.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, string what, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = 0;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (; seen < _lines.Count; seen++)
                {
                    if (match(_lines[seen]))
                    {
                        return _lines[seen];
                    }
                }

                if (_openStreams == 0)
                {
                    throw new Xunit.Sdk.XunitException($"{Name} ended before printing {what}\n{TailUnlocked()}");
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"{Name} did not print {what} within {timeout}\n{Tail()}");
            }
        }
    }

    /// <summary>Waits for the process to exit and its output to be complete; returns the exit code or fails after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (_openStreams == 0)
                    {
                        break;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(cancel.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"{Name} did not exit within {timeout}\n{Tail()}");
        }

        return _process.ExitCode;
    }

    /// <summary>Ctrl+C: SIGINT to the whole process group, as a terminal sends it.</summary>
    public Task InterruptAsync() => Signals.SendAsync("INT", -Id);

    /// <summary>Sends <paramref name="signal"/> (e.g. <c>TERM</c>) to the whole process group.</summary>
    public Task SignalGroupAsync(string signal) => Signals.SendAsync(signal, -Id);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await Signals.SendAsync("TERM", -Id);
            using var grace = new CancellationTokenSource(DisposeGrace);
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping took too long: end it.
            }
        }

        // Whatever the leader left behind in its group (a manager, a provider) goes too.
        await Signals.SendAsync("KILL", -Id);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} (pid {Id})");

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string TailUnlocked()
    {
        var start = Math.Max(0, _lines.Count - QuotedLines);
        return $"--- {Name}, last {_lines.Count - start} of {_lines.Count} lines ---\n" + string.Join('\n', _lines.Skip(start));
    }

    private void Add(string? line)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (line is null)
            {
                // Standard output and standard error each end once; the output is complete when both have.
                _openStreams--;
            }
            else
            {
                _lines.Add(line);
            }

            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }
}
