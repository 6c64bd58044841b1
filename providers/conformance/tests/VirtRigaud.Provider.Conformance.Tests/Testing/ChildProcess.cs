using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VirtRigaud.Provider.Conformance.Tests.Testing;

/// <summary>
/// A built program of this repository (<c>dotnet &lt;name&gt;.dll</c>, copied next to the test assembly by its project
/// reference) run as a child process; standard output and error are collected line by line. Disposing kills it if it
/// still runs.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Lock _sync = new();
    private readonly List<string> _lines = [];
    private TaskCompletionSource _lineAdded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Everything printed so far, one line per entry (standard output and error, in arrival order).</summary>
    public string Output
    {
        get
        {
            lock (_sync)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>Starts <c>dotnet &lt;program&gt;.dll</c> from the test assembly's directory.</summary>
    public static ChildProcess Start(string program, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, program + ".dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must not inherit the test host's opt-ins by accident.
        start.Environment.Remove("VIRTRIGAUD_PROVIDER_INSECURE");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a line matching <paramref name="pattern"/>; fails with the output when the process exits first or the time runs out.</summary>
    public async Task<Match> WaitForLineAsync(Regex pattern, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        var seen = 0;
        while (true)
        {
            Task added;
            lock (_sync)
            {
                for (; seen < _lines.Count; seen++)
                {
                    if (pattern.Match(_lines[seen]) is { Success: true } match)
                    {
                        return match;
                    }
                }

                added = _lineAdded.Task;
            }

            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(timeout.Token);
                lock (_sync)
                {
                    if (_lines.Skip(seen).Any(pattern.IsMatch))
                    {
                        continue;
                    }
                }

                throw new InvalidOperationException($"the process exited ({_process.ExitCode}) before printing /{pattern}/:\n{Output}");
            }

            try
            {
                await Task.WhenAny(added, _process.WaitForExitAsync(timeout.Token)).WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"no line matching /{pattern}/ within {bound}:\n{Output}");
            }
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code (with all output read).</summary>
    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the process did not exit within {bound}:\n{Output}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        TaskCompletionSource added;
        lock (_sync)
        {
            _lines.Add(line);
            added = _lineAdded;
            _lineAdded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        added.TrySetResult();
    }
}
