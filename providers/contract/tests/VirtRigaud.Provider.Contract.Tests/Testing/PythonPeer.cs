using System.Diagnostics;
using System.Text;

namespace VirtRigaud.Provider.Contract.Tests.Testing;

/// <summary>
/// Interop/provider_peer.py run with Debian's /usr/bin/python3 (python3-grpcio, C-core) against the proto copied
/// next to the test assembly. Output is captured for failure messages; disposing kills the process tree.
/// </summary>
internal sealed class PythonPeer : IAsyncDisposable
{
    /// <summary>Debian's interpreter: python3-grpcio is installed for it, not for a python3 earlier on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    private const string Packages = "python3-grpcio, python3-grpc-tools and python3-protobuf (hack/install-test-deps.sh)";

    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PythonPeer(Process process)
    {
        _process = process;
    }

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

    /// <summary>Runs the client mode against 127.0.0.1:<paramref name="port"/> to its end; returns the peer (exited).</summary>
    public static async Task<PythonPeer> RunClientAsync(int port)
    {
        var peer = Start(["client", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        peer._process.StandardInput.Close();
        await peer._process.WaitForExitAsync().WaitAsync(ProviderTestServer.Patience * 3);
        return peer;
    }

    /// <summary>Starts the server mode; returns it with the port it listens on.</summary>
    public static async Task<(PythonPeer Peer, int Port)> StartServerAsync()
    {
        var peer = Start(["server"]);
        try
        {
            var exited = peer._process.WaitForExitAsync();
            var first = await Task.WhenAny(peer._listening.Task, exited).WaitAsync(ProviderTestServer.Patience * 3);
            if (first != peer._listening.Task)
            {
                throw new InvalidOperationException("the python provider exited before listening\n" + peer.Describe());
            }

            var line = await peer._listening.Task;
            return (peer, int.Parse(line[(line.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    public int ExitCode => _process.ExitCode;

    public string Describe()
    {
        lock (_gate)
        {
            var exit = _process.HasExited ? $"exit code {_process.ExitCode}" : "running";
            return $"({exit})\n--- stdout ---\n{_stdout}--- stderr ---\n{_stderr}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(ProviderTestServer.Patience);
        }

        _process.Dispose();
    }

    private static PythonPeer Start(IEnumerable<string> modeArguments)
    {
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} not found; the interop tests need Debian's {Packages}");
        }

        var directory = AppContext.BaseDirectory;
        var info = new ProcessStartInfo(Python)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(directory, "Interop", "provider_peer.py"));
        info.ArgumentList.Add("--protos");
        info.ArgumentList.Add(Path.Combine(directory, "proto"));
        foreach (var argument in modeArguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Loopback peers only: C-core would otherwise honour a proxy from the environment.
        info.Environment.Remove("http_proxy");
        info.Environment.Remove("https_proxy");
        info.Environment.Remove("grpc_proxy");
        info.Environment["PYTHONUNBUFFERED"] = "1";

        var process = new Process { StartInfo = info };
        var peer = new PythonPeer(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (peer._gate)
            {
                peer._stdout.AppendLine(e.Data);
            }

            if (e.Data.StartsWith("listening ", StringComparison.Ordinal))
            {
                peer._listening.TrySetResult(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (peer._gate)
                {
                    peer._stderr.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }
}
