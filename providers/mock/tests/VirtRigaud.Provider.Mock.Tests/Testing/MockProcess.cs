using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace VirtRigaud.Provider.Mock.Tests.Testing;

/// <summary>
/// <c>virtrigaud-provider-mock</c> (built next to the tests) run as a child process: output collected, SIGTERM on
/// request, killed on dispose if it still runs.
/// </summary>
internal sealed class MockProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private MockProcess(Process process)
    {
        _process = process;
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "virtrigaud-provider-mock.dll");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet virtrigaud-provider-mock.dll <paramref name="arguments"/></c> with plaintext allowed and no inherited VIRTRIGAUD_/PROVIDER_/LOG_ variables.</summary>
    public static MockProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("VIRTRIGAUD_", StringComparison.Ordinal) || k.StartsWith("PROVIDER_", StringComparison.Ordinal) || k.StartsWith("LOG_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["VIRTRIGAUD_PROVIDER_INSECURE"] = "true";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var mock = new MockProcess(process);
        process.OutputDataReceived += (_, e) => mock.Append(e.Data);
        process.ErrorDataReceived += (_, e) => mock.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return mock;
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        return await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Wait.Long);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the mock did not exit within {Wait.Long.TotalSeconds} s; output:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
