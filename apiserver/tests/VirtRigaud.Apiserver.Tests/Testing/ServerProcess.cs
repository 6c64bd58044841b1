using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace VirtRigaud.Apiserver.Tests.Testing;

/// <summary>
/// The built server (<c>virtrigaud-apiserver.dll</c>) run as a child process, as <c>make run</c> runs it: its
/// standard output is collected line by line, and it can be killed with SIGKILL to test crash safety.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private int _openStreams = 2;

    private ServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The lines printed so far (standard output and standard error, in arrival order).</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            while (_lines.Reader.TryRead(out var line))
            {
                _seen.Add(line);
            }

            return _seen;
        }
    }

    /// <summary>The server's entry assembly next to the test assembly (the test project references the server project).</summary>
    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "virtrigaud-apiserver.dll");

    /// <summary>Starts <c>dotnet virtrigaud-apiserver.dll</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static ServerProcess Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => server.Add(e.Data);
        process.ErrorDataReceived += (_, e) => server.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>A TCP port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until a line containing <paramref name="text"/> arrives; fails with everything printed when the process exits or the time runs out.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var found = Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
        try
        {
            while (found is null)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token);
                _seen.Add(line);
                found = line.Contains(text, StringComparison.Ordinal) ? line : null;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"no line with \"{text}\"; the server printed:\n{string.Join('\n', _seen)}", e);
        }

        return found;
    }

    /// <summary>Kills the process with SIGKILL (no shutdown code runs) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to exit by itself (a server that refused to start) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            // Standard output and standard error each end once; the lines are complete when both have.
            if (Interlocked.Decrement(ref _openStreams) == 0)
            {
                _lines.Writer.TryComplete();
            }
        }
        else
        {
            _lines.Writer.TryWrite(line);
        }
    }
}
