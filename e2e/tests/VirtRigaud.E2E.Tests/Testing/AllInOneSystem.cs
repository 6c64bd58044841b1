using System.Globalization;
using System.Text.RegularExpressions;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>
/// <c>make run</c> exactly as a user runs it (the repository's Makefile target, so hack/run.sh), in its own session as a
/// terminal's foreground job, with <see cref="SystemSettings"/>' directory and ports. <see cref="StopAsync"/> is the
/// user's Ctrl+C. Disposing ends whatever is left and removes the working directory.
/// </summary>
public sealed partial class AllInOneSystem : IAsyncDisposable
{
    /// <summary>How long a start may take: build output already there, but two .NET processes and a provider on a loaded machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    /// <summary>How long Ctrl+C may take to stop everything (the manager drains, then the API server).</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromMinutes(2);

    /// <summary>make's exit code when it was interrupted by SIGINT (128 + 2).</summary>
    public const int InterruptedExitCode = 130;

    private readonly List<ChildProcess> _runs = [];

    public AllInOneSystem(SystemSettings settings)
    {
        Settings = settings;
        Kubectl = new Kubectl(settings.KubeconfigPath, settings.WorkDirectory, Diagnostics);
    }

    /// <summary>Directories, ports and environment.</summary>
    public SystemSettings Settings { get; }

    /// <summary>kubectl with the system's admin kubeconfig, in the working directory.</summary>
    public Kubectl Kubectl { get; }

    /// <summary>The current (last started) <c>make run</c>.</summary>
    public ChildProcess Run => _runs.Count > 0 ? _runs[^1] : throw new InvalidOperationException("make run was not started");

    /// <summary>The API server's process id in the current run (from hack/run.sh's output).</summary>
    public int ApiServerPid => Pid("virtrigaud-apiserver");

    /// <summary>The manager's process id in the current run.</summary>
    public int ManagerPid => Pid("virtrigaud-manager");

    /// <summary>Starts <c>make run</c> and waits until it prints that everything is ready.</summary>
    public async Task StartAsync()
    {
        var run = ChildProcess.Start(
            "make run #" + (_runs.Count + 1).ToString(CultureInfo.InvariantCulture),
            RepositoryPaths.Root,
            Settings.Environment,
            "make",
            "-C",
            RepositoryPaths.Root,
            "run");
        _runs.Add(run);
        await run.WaitForLineAsync(l => l == "run: ready", "run: ready", StartTimeout);
    }

    /// <summary>
    /// Ctrl+C, then waits for <c>make run</c> to end; returns whether it stopped cleanly: hack/run.sh says it stopped
    /// everything and make ends as make does on an interrupt (130: it got the SIGINT too).
    /// </summary>
    public async Task<bool> StopAsync()
    {
        var lines = Run.Lines.Count;
        await Run.InterruptAsync();
        var exitCode = await Run.WaitForExitAsync(StopTimeout);
        return exitCode == InterruptedExitCode
            && Run.Lines.Skip(lines).Any(l => l.StartsWith("run: stopped; data kept in ", StringComparison.Ordinal));
    }

    /// <summary>The output of every run so far, for failure messages.</summary>
    public string Diagnostics() => string.Join('\n', _runs.Select(r => r.Tail()));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs)
        {
            await run.DisposeAsync();
        }

        Settings.Delete();
    }

    private int Pid(string process)
    {
        var line = Run.Lines.LastOrDefault(l => l.StartsWith($"run: {process} started (pid ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"make run did not say it started {process}\n{Run.Tail()}");
        return int.Parse(PidPattern().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\(pid (\d+)\)")]
    private static partial Regex PidPattern();
}
