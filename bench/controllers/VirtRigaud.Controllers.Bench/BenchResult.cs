using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace VirtRigaud.Controllers.Bench;

/// <summary>Everything one run measured, and its markdown report. Immutable.</summary>
internal sealed record BenchResult
{
    public required BenchSettings Settings { get; init; }

    /// <summary>How long <c>kubectl apply -f</c> of every VM took to return.</summary>
    public required double ApplySeconds { get; init; }

    public required int ApplyOutputLines { get; init; }

    /// <summary>From the start of <c>kubectl apply</c> until the last VM was Ready.</summary>
    public required double WallSeconds { get; init; }

    /// <summary>When each VM became Ready, from the start of <c>kubectl apply</c>, sorted.</summary>
    public required IReadOnlyList<TimeSpan> ReadyTimes { get; init; }

    /// <summary>Reconciles of every controller from the start of <c>kubectl apply</c> until the last VM was Ready.</summary>
    public required ReconcileCounts Reconciles { get; init; }

    public required double ManagerCpuSecondsDuringCreate { get; init; }

    public required IdleWindow Baseline { get; init; }

    public required IdleWindow Loaded { get; init; }

    public required double ApiServerRssMiB { get; init; }

    public required double ProviderRssMiB { get; init; }

    public required double RunSeconds { get; init; }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var s = Settings;
        md.Append(c, $"# Controller benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC\n\n");
        md.Append(c, $"{Environment.ProcessorCount} cores shared by the API server, the manager, the mock provider, kubectl and this harness; ");
        md.Append(c, $".NET {Environment.Version}; {RuntimeInformation.OSDescription}. Run took {RunSeconds:F0} s.\n");
        md.Append(c, $"The system is the {s.Configuration} build of `make run`'s processes, started through `hack/run.sh apiserver` and `hack/run.sh manager` ");
        md.Append(c, $"(embedded SQLite store, the manager's default workers{(s.ManagerArgs.Length > 0 ? ", manager flags `" + s.ManagerArgs + "`" : "")}), ");
        md.Append(c, $"with a Local mock Provider the manager runs as its child (loopback mTLS; every mock operation a task of {s.TaskDuration}). ");
        md.Append("Each VM has a class, a template image and one NIC, like `examples/quickstart.yaml`. CPU times are user + system time from `/proc/PID/stat`; ");
        md.Append("reconciles are the manager's `virtrigaud_manager_reconcile_total` (every controller) scraped before and after.\n\n");

        md.Append(c, $"## {s.Vms:N0} VMs: `kubectl apply` → all Ready\n\n");
        md.Append("| measure | value |\n|---|---:|\n");
        md.Append(c, $"| `kubectl apply -f` of {s.Vms:N0} VMs (one file) returned after | {ApplySeconds:F1} s |\n");
        md.Append(c, $"| **all {s.Vms:N0} Ready (Ready=True, phase Running) after** | **{WallSeconds:F1} s** |\n");
        md.Append(c, $"| VMs Ready per second (overall) | {s.Vms / WallSeconds:F1} |\n");
        md.Append(c, $"| first VM Ready after | {Percentile(0):F1} s |\n");
        md.Append(c, $"| 50 % / 90 % / 99 % of VMs Ready after | {Percentile(0.5):F1} / {Percentile(0.9):F1} / {Percentile(0.99):F1} s |\n");
        md.Append(c, $"| reconciles (all controllers) | {Reconciles.Total:N0} |\n");
        md.Append(c, $"| **reconciles per second** | **{Reconciles.Total / WallSeconds:F1}** |\n");
        md.Append(c, $"| reconciles per VM | {Reconciles.Total / s.Vms:F2} |\n");
        md.Append(c, $"| manager CPU in that time | {ManagerCpuSecondsDuringCreate:F1} s ({ManagerCpuSecondsDuringCreate / WallSeconds:P0} of one core; {ManagerCpuSecondsDuringCreate * 1000 / s.Vms:F1} ms per VM) |\n\n");

        md.Append("Reconciles by controller and outcome:\n\n| controller | outcome | reconciles |\n|---|---|---:|\n");
        foreach (var ((kind, outcome), count) in Reconciles.Samples.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key.Kind, StringComparer.Ordinal).ThenBy(kv => kv.Key.Outcome, StringComparer.Ordinal))
        {
            md.Append(c, $"| {kind} | {outcome} | {count:N0} |\n");
        }

        md.Append(c, $"\n## Idle manager: CPU over {s.IdleSeconds} s, {s.Vms:N0} Ready VMs vs none\n\n");
        md.Append(c, $"Each window starts {s.SettleSeconds} s after the previous phase ended. Baseline = the same manager, same run, with the Provider available and no VM.\n\n");
        md.Append("| window | manager CPU (s) | manager (% of a core) | reconciles | manager RSS (MiB) | API server (% of a core) | mock provider (% of a core) |\n");
        md.Append("|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (var w in new[] { Baseline, Loaded })
        {
            md.Append(c, $"| {w.Vms:N0} VMs, {w.Seconds:F0} s | {w.ManagerCpuSeconds:F2} | {w.ManagerCores * 100:F2} % | {w.Reconciles:N0} | {w.ManagerRssMiB:F0} | {w.ApiServerCores * 100:F2} % | {w.ProviderCores * 100:F2} % |\n");
        }

        var ratio = Baseline.ManagerCpuSeconds > 0 ? Loaded.ManagerCpuSeconds / Baseline.ManagerCpuSeconds : double.NaN;
        md.Append(c, $"\n**Idle manager CPU with {s.Vms:N0} Ready VMs ÷ with none: {ratio:F2}** ");
        md.Append(c, $"({Loaded.ManagerCpuSeconds:F2} s vs {Baseline.ManagerCpuSeconds:F2} s over {s.IdleSeconds} s). ");
        md.Append(c, $"At the end: API server RSS {ApiServerRssMiB:F0} MiB, mock provider RSS {ProviderRssMiB:F0} MiB.\n");
        return md.ToString();
    }

    private double Percentile(double p) =>
        ReadyTimes.Count == 0 ? double.NaN : ReadyTimes[Math.Min(ReadyTimes.Count - 1, (int)Math.Ceiling(p * ReadyTimes.Count) - (p > 0 ? 1 : 0))].TotalSeconds;
}
