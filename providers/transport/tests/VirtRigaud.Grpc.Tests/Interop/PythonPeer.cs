namespace VirtRigaud.Grpc.Tests.Interop;

/// <summary>
/// The python3-grpcio (C-core) interop peer: our own scripts in providers/transport/interop/python, run with Debian's
/// /usr/bin/python3, which generate the grpc.testing modules from providers/transport/protos at start-up.
/// </summary>
internal static class PythonPeer
{
    /// <summary>Debian's interpreter: python3-grpcio is installed for it, not for a pyenv python3 earlier on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>How long a peer may take to start listening or to run one case (protoc runs first, then C-core starts).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long one python client run of a single case may take; the case's own deadlines are 30 s.</summary>
    public static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(90);

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "VirtRigaud.Apiserver.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("VirtRigaud.Apiserver.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string ScriptDirectory => Path.Combine(RepositoryRoot, "providers", "transport", "interop", "python");

    public static string ProtoRoot => Path.Combine(RepositoryRoot, "providers", "transport", "protos");

    /// <summary>
    /// Fails (never skips) when Debian's python gRPC is not installed, saying how to install it.
    /// </summary>
    /// <exception cref="InvalidOperationException">python3, grpcio, grpc_tools or protobuf is missing.</exception>
    public static async Task EnsureInstalledAsync()
    {
        const string hint = "the gRPC interop tests need Debian's python3-grpcio, python3-grpc-tools and python3-protobuf: run hack/install-test-deps.sh";
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} not found; {hint}");
        }

        await using var check = PeerProcess.Start(Python, ["-c", "import grpc, grpc_tools.protoc, google.protobuf"], RepositoryRoot);
        if (await check.WaitForExitAsync(StartTimeout).ConfigureAwait(false) != 0)
        {
            throw new InvalidOperationException($"{hint}\n{check.Describe()}");
        }
    }

    /// <summary>Starts server.py on 127.0.0.1 with a free port; returns once it listens.</summary>
    public static async Task<(PeerProcess Process, int Port)> StartServerAsync(IEnumerable<string> extraArguments)
    {
        var process = PeerProcess.Start(
            Python,
            [Path.Combine(ScriptDirectory, "server.py"), "--port", "0", "--protos", ProtoRoot, .. extraArguments],
            ScriptDirectory);
        try
        {
            var line = await process.WaitForLineAsync("listening ", StartTimeout).ConfigureAwait(false);
            var port = int.Parse(line[(line.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            return (process, port);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs client.py for one case to its end; returns the finished process (exit code, output).</summary>
    public static async Task<(int ExitCode, string Output)> RunClientAsync(int port, string caseName, IEnumerable<string> extraArguments)
    {
        await using var process = PeerProcess.Start(
            Python,
            [Path.Combine(ScriptDirectory, "client.py"), "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--protos", ProtoRoot, "--cases", caseName, .. extraArguments],
            ScriptDirectory);
        var exitCode = await process.WaitForExitAsync(CaseTimeout).ConfigureAwait(false);
        return (exitCode, process.Describe());
    }
}
