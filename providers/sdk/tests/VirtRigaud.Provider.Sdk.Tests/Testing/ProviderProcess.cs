using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace VirtRigaud.Provider.Sdk.Tests.Testing;

/// <summary>
/// The SDK's test provider (<c>virtrigaud-provider-sdk-testprovider.dll</c>, built next to the tests) run as a child
/// process with a chosen environment: its standard output and error are collected line by line, and it can be sent
/// SIGTERM. Disposing kills it if it still runs.
/// </summary>
internal sealed class ProviderProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly Lock _sync = new();
    private int _openStreams = 2;

    private ProviderProcess(Process process)
    {
        _process = process;
    }

    public static string ProviderDll => Path.Combine(AppContext.BaseDirectory, "virtrigaud-provider-sdk-testprovider.dll");

    /// <summary>Every line printed so far, standard output and error interleaved in arrival order.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_sync)
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    _seen.Add(line);
                }

                return [.. _seen];
            }
        }
    }

    /// <summary>Starts <c>dotnet virtrigaud-provider-sdk-testprovider.dll <paramref name="arguments"/></c> with only <paramref name="environment"/> added to a minimal environment.</summary>
    public static ProviderProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ProviderDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test runner's own variables (VIRTRIGAUD_*, LOG_*) must not leak into the provider under test.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("VIRTRIGAUD_", StringComparison.Ordinal) || k.StartsWith("LOG_", StringComparison.Ordinal) || k.StartsWith("PROVIDER_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var provider = new ProviderProcess(process);
        process.OutputDataReceived += (_, e) => provider.Add(e.Data);
        process.ErrorDataReceived += (_, e) => provider.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return provider;
    }

    /// <summary>Waits until a line containing <paramref name="text"/> arrives; fails with everything printed when the process ends or time runs out.</summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        using var cancel = new CancellationTokenSource(Wait.Long);
        var found = Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
        try
        {
            while (found is null)
            {
                var line = await _lines.Reader.ReadAsync(cancel.Token);
                lock (_sync)
                {
                    _seen.Add(line);
                }

                found = line.Contains(text, StringComparison.Ordinal) ? line : null;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"no line with \"{text}\"; the provider printed:\n{string.Join('\n', Lines)}", e);
        }

        return found;
    }

    /// <summary>Waits for the process to exit on its own and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var cancel = new CancellationTokenSource(Wait.Long);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as the kubelet does, without waiting for the exit.</summary>
    public async Task SendTerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Sends SIGTERM and returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        await SendTerminateAsync();
        return await WaitForExitAsync();
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

    private void Add(string? line)
    {
        if (line is null)
        {
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
