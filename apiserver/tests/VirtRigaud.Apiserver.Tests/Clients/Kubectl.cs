using System.Diagnostics;

namespace VirtRigaud.Apiserver.Tests.Clients;

/// <summary>
/// Runs one real kubectl binary against one server, as a user in a terminal would: <c>KUBECONFIG</c> points at the
/// server's admin kubeconfig and <c>HOME</c> at a directory of this runner, so the discovery cache
/// (<c>$HOME/.kube/cache</c>) belongs to this runner — shared by the tests of one class, never by two servers.
/// Holds no process state; safe to use from several tests at once.
/// </summary>
public sealed class Kubectl
{
    /// <summary>How long one command may run before it is killed and the test fails.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    private readonly string _kubeconfigPath;
    private readonly string _homeDirectory;

    /// <summary>A runner of <paramref name="binary"/> (which must exist) for the server of <paramref name="kubeconfigPath"/>.</summary>
    /// <exception cref="FileNotFoundException">The binary is not installed (the message names hack/install-test-deps.sh).</exception>
    public Kubectl(string binary, string kubeconfigPath, string homeDirectory)
    {
        Binary = ClientBinaries.Require(binary);
        _kubeconfigPath = kubeconfigPath;
        _homeDirectory = homeDirectory;
        Directory.CreateDirectory(homeDirectory);
    }

    /// <summary>The kubectl binary this runner runs.</summary>
    public string Binary { get; }

    /// <summary>Runs kubectl with <paramref name="arguments"/> and returns what it printed, whatever its exit code.</summary>
    public Task<KubectlResult> RunAsync(params string[] arguments) => RunAsync(arguments, standardInput: null);

    /// <summary>
    /// Runs kubectl with <paramref name="arguments"/>, writing <paramref name="standardInput"/> (if any) to it, with
    /// <paramref name="environment"/> added to the environment. Kills the process and throws
    /// <see cref="TimeoutException"/> (with the output so far) after <paramref name="timeout"/> (default 60 s).
    /// </summary>
    public async Task<KubectlResult> RunAsync(
        IReadOnlyList<string> arguments,
        string? standardInput,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        using var process = new Process { StartInfo = StartInfo(arguments, environment, standardInput is not null) };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken);
            process.StandardInput.Close();
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException(
                $"kubectl did not finish within {timeout ?? DefaultTimeout}\n" + new KubectlResult(CommandLine(arguments), -1, await stdout, await stderr));
        }

        return new KubectlResult(CommandLine(arguments), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs kubectl and asserts that it succeeded; returns its standard output.</summary>
    public async Task<string> OkAsync(params string[] arguments)
    {
        var result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput;
    }

    /// <summary>
    /// Starts a long-running kubectl (<c>get -w</c>, <c>proxy</c>, <c>delete</c> waiting for finalizers) whose lines
    /// the test reads while it runs. The caller disposes it, which kills it if it still runs.
    /// </summary>
    public KubectlProcess Start(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        KubectlProcess.Start(StartInfo(arguments, environment, redirectInput: false), CommandLine(arguments));

    private ProcessStartInfo StartInfo(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, bool redirectInput)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
            WorkingDirectory = _homeDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = _kubeconfigPath;
        start.Environment["HOME"] = _homeDirectory;

        // A cache directory or editor from the developer's shell would make runs depend on the machine.
        start.Environment.Remove("KUBECACHEDIR");
        start.Environment.Remove("KUBE_EDITOR");
        start.Environment.Remove("KUBECTL_EXTERNAL_DIFF");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private string CommandLine(IReadOnlyList<string> arguments) =>
        string.Join(' ', [Binary, .. arguments.Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Length == 0 ? $"'{a}'" : a)]);
}
