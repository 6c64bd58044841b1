using System.Diagnostics;
using System.Text;

namespace VirtRigaud.TestPeers;

/// <summary>
/// One daemon started by a peer launcher: arguments as a list (never through a shell), standard output and error
/// captured into a log kept for failure messages, stopped by PID (SIGTERM, then SIGKILL after a grace period).
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly object _logLock = new();
    private readonly StringBuilder _log = new();
    private readonly Process _process;

    private PeerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>A short name for messages (<c>libvirtd</c>, <c>sshd</c>).</summary>
    public string Name { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once it has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>What the process has written so far.</summary>
    public string Log
    {
        get
        {
            lock (_logLock)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="executable"/> with <paramref name="arguments"/>.</summary>
    public static PeerProcess Start(string name, string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"{name} is not installed at {executable}; run hack/install-libvirt-deps.sh (Debian packages libvirt-daemon-system, openssh-server, ...).");
        }

        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = start };
        var peer = new PeerProcess(process, name);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>
    /// SIGTERM, wait up to <paramref name="grace"/>, then SIGKILL to the process and its descendants; waits for the exit
    /// (never forever: a descendant that outlived it may keep the output pipes open, and then the wait gives up after
    /// 10 s instead of waiting for their end).
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            if (!_process.HasExited)
            {
                Signal(_process.Id, 15);
                if (!await ExitedWithinAsync(grace).ConfigureAwait(false))
                {
                    KillTree();
                    await ExitedWithinAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    /// <summary>SIGKILL to the process and every descendant (e.g. sshd and its session processes, which a SIGTERM to the listener leaves running); waits up to 10 s.</summary>
    public async Task KillAsync()
    {
        try
        {
            KillTree();
            await ExitedWithinAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    private void KillTree()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
    }

    private async Task<bool> ExitedWithinAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return _process.HasExited;
        }
    }

    /// <summary>Stops the process (5 s grace).</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Sends a signal by PID with <c>kill(1)</c> (no P/Invoke needed).</summary>
    internal static void Signal(int pid, int signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("/bin/kill", [$"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        });
        kill?.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.AppendLine(line);
        }
    }
}
