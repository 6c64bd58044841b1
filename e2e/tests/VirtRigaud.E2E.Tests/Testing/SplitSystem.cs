using System.Globalization;

namespace VirtRigaud.E2E.Tests.Testing;

/// <summary>
/// The all-in-one's two processes started separately, with the same script and arguments (<c>hack/run.sh apiserver</c>,
/// <c>hack/run.sh manager</c>, <c>hack/run.sh provider</c>), so a test can kill or restart one of them while the other
/// keeps running — which <c>make run</c> itself does not allow (it ends both). Disposing ends both and removes the
/// working directory.
/// </summary>
public sealed class SplitSystem : IAsyncDisposable
{
    private readonly List<ChildProcess> _processes = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private int _apiServerStarts;
    private int _managerStarts;

    public SplitSystem(SystemSettings settings)
    {
        Settings = settings;
        Kubectl = new Kubectl(settings.KubeconfigPath, settings.WorkDirectory, Diagnostics);
    }

    /// <summary>Directories, ports and environment.</summary>
    public SystemSettings Settings { get; }

    /// <summary>kubectl with the system's admin kubeconfig.</summary>
    public Kubectl Kubectl { get; }

    /// <summary>The running (or last) API server.</summary>
    public ChildProcess? ApiServer { get; private set; }

    /// <summary>The running (or last) manager.</summary>
    public ChildProcess? Manager { get; private set; }

    /// <summary>Starts the API server and waits until it says where it listens (it is ready then).</summary>
    public async Task StartApiServerAsync()
    {
        ApiServer = Start("apiserver", ++_apiServerStarts);
        await ApiServer.WaitForLineAsync(l => l.StartsWith("virtrigaud-apiserver listening on ", StringComparison.Ordinal), "that it listens", AllInOneSystem.StartTimeout);
    }

    /// <summary>Starts the manager and waits until its <c>/readyz</c> answers 200.</summary>
    public async Task StartManagerAsync()
    {
        var manager = Manager = Start("manager", ++_managerStarts);
        var deadline = DateTime.UtcNow + AllInOneSystem.StartTimeout;
        var readyz = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Settings.HealthPort}/readyz"));
        while (!await IsReadyAsync(readyz))
        {
            if (manager.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"the manager did not become ready at {readyz}\n{manager.Tail()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary><c>hack/run.sh provider</c>: the preconfigured Provider default/mock.</summary>
    public async Task CreateDefaultProviderAsync()
    {
        var result = await Commands.RunAsync(RepositoryPaths.RunScript, ["provider"], RepositoryPaths.Root, Settings.Environment);
        Assert.True(result.ExitCode == 0, $"{result}\n{Diagnostics()}");
    }

    /// <summary>Starts the API server, the manager and creates the default Provider.</summary>
    public async Task StartAsync()
    {
        await StartApiServerAsync();
        await StartManagerAsync();
        await CreateDefaultProviderAsync();
    }

    /// <summary>SIGKILL to the manager alone (no shutdown code runs; its Local providers stay until it is gone — they die with their parent).</summary>
    public async Task KillManagerAsync()
    {
        var manager = Manager ?? throw new InvalidOperationException("the manager was not started");
        await Signals.SendAsync("KILL", manager.Id);
        await manager.WaitForExitAsync(AllInOneSystem.StopTimeout);
    }

    /// <summary>SIGTERM to the API server alone; it shuts down in order. Returns its exit code.</summary>
    public async Task<int> StopApiServerAsync()
    {
        var server = ApiServer ?? throw new InvalidOperationException("the API server was not started");
        await Signals.SendAsync("TERM", server.Id);
        return await server.WaitForExitAsync(AllInOneSystem.StopTimeout);
    }

    /// <summary>The output of every process so far, for failure messages.</summary>
    public string Diagnostics() => string.Join('\n', _processes.Select(p => p.Tail()));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // The manager first, so that it stops its providers while the API server still answers.
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }

        _http.Dispose();
        Settings.Delete();
    }

    private ChildProcess Start(string component, int number)
    {
        var process = ChildProcess.Start(
            string.Create(CultureInfo.InvariantCulture, $"{component} #{number}"),
            RepositoryPaths.Root,
            Settings.Environment,
            RepositoryPaths.RunScript,
            component);
        _processes.Add(process);
        return process;
    }

    private async Task<bool> IsReadyAsync(Uri readyz)
    {
        try
        {
            using var response = await _http.GetAsync(readyz);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
