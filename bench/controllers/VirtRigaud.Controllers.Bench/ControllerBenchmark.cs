using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VirtRigaud.Controllers.Bench;

/// <summary>
/// The controller benchmark (issue 8, item 9). In one run, on one all-in-one system:
/// <list type="number">
/// <item>a Local mock Provider (namespace <c>bench</c>), a VMClass and a VMImage; the Provider available;</item>
/// <item>baseline: the idle manager with no VM, CPU over the idle window;</item>
/// <item><c>kubectl apply -f</c> of N VirtualMachines (one file) until every one is Ready (Ready=True, phase Running),
/// seen through one watch: wall time, time of each VM, and reconciles per second from the manager's
/// <c>virtrigaud_manager_reconcile_total</c>;</item>
/// <item>the idle manager with N Ready VMs, CPU over the same window, as a ratio to the baseline.</item>
/// </list>
/// </summary>
internal static class ControllerBenchmark
{
    public const string Namespace = "bench";

    private static readonly TimeSpan ProviderTimeout = TimeSpan.FromMinutes(3);

    public static async Task<BenchResult> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var run = Stopwatch.StartNew();
        await using var system = await BenchSystem.StartAsync(settings, cancellationToken);
        using var api = system.CreateClient();
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"system started in {run.Elapsed.TotalSeconds:F0} s (API server pid {system.ApiServerPid}, manager pid {system.ManagerPid})"));

        await KubectlApplyAsync(system, SetupYaml(settings), cancellationToken);
        await WaitProviderAvailableAsync(api, system, cancellationToken);
        var providerPid = system.MockProviderPid();
        await log.WriteLineAsync($"provider {Namespace}/mock available (pid {providerPid}); settling {settings.SettleSeconds} s");
        await Task.Delay(TimeSpan.FromSeconds(settings.SettleSeconds), cancellationToken);

        await log.WriteLineAsync($"idle window with 0 VMs: {settings.IdleSeconds} s");
        var baseline = await IdleAsync(system, providerPid, 0, settings.IdleSeconds, cancellationToken);

        var file = Path.Combine(system.WorkDirectory, "vms.yaml");
        await File.WriteAllTextAsync(file, VmsYaml(settings.Vms), cancellationToken);
        var before = ReconcileCounts.Parse(await system.ScrapeAsync(cancellationToken));
        var managerCpuBefore = ProcessStats.CpuSeconds(system.ManagerPid);
        var clock = new Stopwatch();
        await using var watch = await ReadyWatch.StartAsync(api, Namespace, settings.Vms, clock, cancellationToken);
        await log.WriteLineAsync($"kubectl apply -f {settings.Vms} VMs");
        clock.Start();
        var apply = await KubectlApplyFileAsync(system, file, cancellationToken);
        var applySeconds = clock.Elapsed.TotalSeconds;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"kubectl apply returned after {applySeconds:F1} s; {watch.ReadyCount} Ready so far"));
        await WaitAllReadyAsync(watch, settings, log, cancellationToken);
        var wallSeconds = clock.Elapsed.TotalSeconds;
        var reconciles = ReconcileCounts.Parse(await system.ScrapeAsync(cancellationToken)).Since(before);
        var managerCpu = ProcessStats.CpuSeconds(system.ManagerPid) - managerCpuBefore;
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"all {settings.Vms} Ready after {wallSeconds:F1} s; {reconciles.Total:F0} reconciles; settling {settings.SettleSeconds} s"));

        await Task.Delay(TimeSpan.FromSeconds(settings.SettleSeconds), cancellationToken);
        await log.WriteLineAsync($"idle window with {settings.Vms} Ready VMs: {settings.IdleSeconds} s");
        var loaded = await IdleAsync(system, providerPid, settings.Vms, settings.IdleSeconds, cancellationToken);

        return new BenchResult
        {
            Settings = settings,
            ApplySeconds = applySeconds,
            ApplyOutputLines = apply.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length,
            WallSeconds = wallSeconds,
            ReadyTimes = watch.ReadyTimes(),
            Reconciles = reconciles,
            ManagerCpuSecondsDuringCreate = managerCpu,
            Baseline = baseline,
            Loaded = loaded,
            ApiServerRssMiB = ProcessStats.RssMiB(system.ApiServerPid),
            ProviderRssMiB = ProcessStats.RssMiB(providerPid),
            RunSeconds = run.Elapsed.TotalSeconds,
        };
    }

    private static async Task<IdleWindow> IdleAsync(BenchSystem system, int providerPid, int vms, int seconds, CancellationToken cancellationToken)
    {
        var reconciles = ReconcileCounts.Parse(await system.ScrapeAsync(cancellationToken));
        var manager = ProcessStats.CpuSeconds(system.ManagerPid);
        var apiServer = ProcessStats.CpuSeconds(system.ApiServerPid);
        var provider = ProcessStats.CpuSeconds(providerPid);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        var elapsed = clock.Elapsed.TotalSeconds;
        var window = new IdleWindow
        {
            Vms = vms,
            Seconds = elapsed,
            ManagerCpuSeconds = ProcessStats.CpuSeconds(system.ManagerPid) - manager,
            ApiServerCpuSeconds = ProcessStats.CpuSeconds(system.ApiServerPid) - apiServer,
            ProviderCpuSeconds = ProcessStats.CpuSeconds(providerPid) - provider,
            ManagerRssMiB = ProcessStats.RssMiB(system.ManagerPid),
            Reconciles = 0,
        };

        // Scraped after the CPU readings, so the scrape's own cost stays outside the window.
        return window with { Reconciles = ReconcileCounts.Parse(await system.ScrapeAsync(cancellationToken)).Since(reconciles).Total };
    }

    private static async Task WaitAllReadyAsync(ReadyWatch watch, BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (!watch.AllReady.IsCompleted)
        {
            if (deadline.Elapsed > settings.ReadyTimeout)
            {
                throw new TimeoutException($"only {watch.ReadyCount} of {settings.Vms} VMs were Ready after {settings.ReadyTimeout}");
            }

            await Task.WhenAny(watch.AllReady, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
            if (!watch.AllReady.IsCompleted)
            {
                await log.WriteLineAsync($"  {watch.ReadyCount} of {settings.Vms} Ready");
            }
        }
    }

    private static async Task WaitProviderAvailableAsync(HttpClient api, BenchSystem system, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var uri = new Uri($"/apis/infra.virtrigaud.io/v1beta1/namespaces/{Namespace}/providers/mock", UriKind.Relative);
        while (true)
        {
            var provider = JsonNode.Parse(await api.GetStringAsync(uri, cancellationToken));
            if (provider?["status"]?["conditions"] is JsonArray conditions
                && conditions.Any(c => (string?)c?["type"] == "ProviderAvailable" && (string?)c?["status"] == "True"))
            {
                return;
            }

            if (deadline.Elapsed > ProviderTimeout)
            {
                throw new TimeoutException($"the Provider was not available after {ProviderTimeout}: {provider?["status"]?.ToJsonString()}\n{system.Tail("manager")}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    private static Task<string> KubectlApplyAsync(BenchSystem system, string yaml, CancellationToken cancellationToken) =>
        KubectlAsync(system, ["apply", "-f", "-"], yaml, cancellationToken);

    private static Task<string> KubectlApplyFileAsync(BenchSystem system, string file, CancellationToken cancellationToken) =>
        KubectlAsync(system, ["apply", "-f", file], null, cancellationToken);

    private static async Task<string> KubectlAsync(BenchSystem system, string[] arguments, string? input, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = system.WorkDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["KUBECONFIG"] = system.Kubeconfig;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await stdout
            : throw new InvalidOperationException($"kubectl {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}");
    }

    // The Provider the VMs use: a Local mock the manager runs, room for every VM, the chosen task duration.
    private static string SetupYaml(BenchSettings settings) => string.Create(CultureInfo.InvariantCulture, $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: mock-credentials
          namespace: {Namespace}
        type: Opaque
        ---
        apiVersion: infra.virtrigaud.io/v1beta1
        kind: Provider
        metadata:
          name: mock
          namespace: {Namespace}
        spec:
          type: mock
          endpoint: https://mock.virtrigaud.invalid
          credentialSecretRef:
            name: mock-credentials
          runtime:
            mode: Local
            logLevel: warn
            service:
              tls:
                enabled: true
            env:
              - name: VIRTRIGAUD_MOCK_TEMPLATES
                value: ubuntu-22.04
              - name: VIRTRIGAUD_MOCK_TASK_DURATION
                value: "{settings.TaskDuration}"
              - name: VIRTRIGAUD_MOCK_MAX_VMS
                value: "{settings.Vms * 2}"
        ---
        apiVersion: infra.virtrigaud.io/v1beta1
        kind: VMClass
        metadata:
          name: small
          namespace: {Namespace}
        spec:
          cpu: 1
          memory: 1Gi
          guestToolsPolicy: install
        ---
        apiVersion: infra.virtrigaud.io/v1beta1
        kind: VMImage
        metadata:
          name: ubuntu
          namespace: {Namespace}
        spec:
          source:
            vsphere:
              templateName: ubuntu-22.04

        """);

    private static string VmsYaml(int count)
    {
        var yaml = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                ---
                apiVersion: infra.virtrigaud.io/v1beta1
                kind: VirtualMachine
                metadata:
                  name: vm-{i:D4}
                  namespace: {Namespace}
                spec:
                  providerRef:
                    name: mock
                  classRef:
                    name: small
                  imageRef:
                    name: ubuntu
                  networks:
                    - name: eth0
                  powerState: "On"

                """);
        }

        return yaml.ToString();
    }
}
