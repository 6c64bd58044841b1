using System.Diagnostics;
using System.Globalization;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Controllers.Bench;

/// <summary>
/// The all-in-one under measurement, started through hack/run.sh's split form with the Release build and without
/// building (<c>hack/run.sh apiserver</c>, then <c>hack/run.sh manager</c>; both <c>exec</c> into dotnet, so each
/// process id is the server's or the manager's own), on free loopback ports with a fresh data directory in a temporary
/// folder. Output goes to <c>apiserver.log</c> and <c>manager.log</c> there. Disposal stops the manager (which stops its
/// providers), then the API server, with SIGTERM, and removes the folder.
/// </summary>
internal sealed class BenchSystem : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly BenchSettings _settings;
    private readonly Dictionary<string, string> _environment;
    private Process? _apiServer;
    private Process? _manager;

    private BenchSystem(BenchSettings settings, string workDirectory, int apiPort, int metricsPort, int healthPort)
    {
        _settings = settings;
        WorkDirectory = workDirectory;
        ApiPort = apiPort;
        MetricsPort = metricsPort;
        HealthPort = healthPort;
        _environment = new Dictionary<string, string>
        {
            ["VIRTRIGAUD_DATA_DIR"] = DataDirectory,
            ["VIRTRIGAUD_PORT"] = apiPort.ToString(CultureInfo.InvariantCulture),
            ["VIRTRIGAUD_METRICS_PORT"] = metricsPort.ToString(CultureInfo.InvariantCulture),
            ["VIRTRIGAUD_HEALTH_PORT"] = healthPort.ToString(CultureInfo.InvariantCulture),
            ["VIRTRIGAUD_MANAGER_ARGS"] = settings.ManagerArgs,
            ["VIRTRIGAUD_BUILD"] = "0",
            ["VIRTRIGAUD_CONFIGURATION"] = settings.Configuration,
        };
    }

    public string WorkDirectory { get; }

    public string DataDirectory => Path.Combine(WorkDirectory, ".virtrigaud");

    public string Kubeconfig => Path.Combine(DataDirectory, "kubeconfig");

    public int ApiPort { get; }

    public int MetricsPort { get; }

    public int HealthPort { get; }

    public int ApiServerPid => _apiServer?.Id ?? throw new InvalidOperationException("not started");

    public int ManagerPid => _manager?.Id ?? throw new InvalidOperationException("not started");

    /// <summary>Starts the API server, waits for its /readyz, starts the manager and waits for its /readyz.</summary>
    public static async Task<BenchSystem> StartAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var ports = FreePorts.Take(3);
        var system = new BenchSystem(settings, Directory.CreateTempSubdirectory("virtrigaud-bench-").FullName, ports[0], ports[1], ports[2]);
        try
        {
            system._apiServer = system.Start("apiserver");
            (await system.WaitApiServerAsync(cancellationToken)).Dispose();

            system._manager = system.Start("manager");
            await system.WaitManagerAsync(cancellationToken);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new client of the API server with the admin certificate.</summary>
    public HttpClient CreateClient() => ApiClient.Create(DataDirectory, ApiPort);

    /// <summary>The manager's /metrics exposition.</summary>
    public async Task<string> ScrapeAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{MetricsPort}/metrics")), cancellationToken);
    }

    /// <summary>The mock provider process the manager runs (its child).</summary>
    public int MockProviderPid() =>
        ProcessStats.ChildrenMentioning(ManagerPid, "virtrigaud-provider-mock") is [var pid] ? pid
            : throw new InvalidOperationException("expected exactly one virtrigaud-provider-mock child of the manager");

    /// <summary>The last lines of a component's log.</summary>
    public string Tail(string component)
    {
        var file = Path.Combine(WorkDirectory, component + ".log");
        var text = File.Exists(file) ? File.ReadAllText(file) : "";
        return text.Length > 4000 ? text[^4000..] : text;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_manager);
        await StopAsync(_apiServer);
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A late writer; the temporary folder is cleaned by the machine.
        }
    }

    private Process Start(string component)
    {
        var script = Path.Combine(_settings.Root, "hack", "run.sh");
        var log = Path.Combine(WorkDirectory, component + ".log");
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = _settings.Root };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec '{script}' {component} >'{log}' 2>&1");
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start hack/run.sh {component}");
    }

    private async Task<HttpClient> WaitApiServerAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_apiServer!.HasExited || clock.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"the API server did not become ready:\n{Tail("apiserver")}");
            }

            if (File.Exists(Kubeconfig) && File.Exists(Path.Combine(DataDirectory, "pki", "admin.key")))
            {
                var client = CreateClient();
                try
                {
                    using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), cancellationToken);
                    if (response.IsSuccessStatusCode)
                    {
                        return client;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                client.Dispose();
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private async Task WaitManagerAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var readyz = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HealthPort}/readyz"));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_manager!.HasExited || clock.Elapsed > StartTimeout)
            {
                throw new InvalidOperationException($"the manager did not become ready:\n{Tail("manager")}");
            }

            try
            {
                using var response = await http.GetAsync(readyz, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static async Task StopAsync(Process? process)
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(StopTimeout);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.Dispose();
    }
}
