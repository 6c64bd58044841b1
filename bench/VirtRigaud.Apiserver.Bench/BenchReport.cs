using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace VirtRigaud.Apiserver.Bench;

/// <summary>The measurements of a run as a markdown report: one table per question, every figure with its baseline.</summary>
internal sealed class BenchReport(BenchSettings settings, VmTemplate template)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public List<StoreResults> Stores { get; } = [];

    public string EtcdVersion { get; set; } = "";

    public double TotalSeconds { get; set; }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.AppendLine(Inv, $"# API server benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(Inv, $"{Environment.ProcessorCount} cores shared by the server, the load generator and etcd; {RuntimeInformation.FrameworkDescription}; {RuntimeInformation.OSDescription}; {EtcdVersion}. Run took {TotalSeconds:F0} s.");
        md.AppendLine(Inv, $"Server build: {Path.GetFileName(settings.ServerDll)} of {File.GetLastWriteTimeUtc(settings.ServerDll):yyyy-MM-dd HH:mm} UTC. The server is the Release build of virtrigaud-apiserver run as its own process (`dotnet virtrigaud-apiserver.dll`, as shipped: server GC, console logging) on a fresh data directory per store; SQLite synchronous=FULL; etcd single member on loopback. Clients speak HTTP/2 over TLS with the admin client certificate; each concurrent client has its own connection. Every VM is `examples/{template.Source}` ({template.Bytes} bytes as sent) with a unique name, all in namespace `bench`.");
        md.AppendLine();
        md.AppendLine("Baselines, measured in the same run: **raw** = the same store called in-process through `IStorage` (the SQLite file with the server's options, or the same etcd with the server's key layout) — no HTTP, TLS, authentication, decoding, defaulting, validation or encoding. Raw gets and lists read the server's own VMs after the server stopped; raw creates write the server's stored bytes of one VM to an empty store at the same concurrency. For watch latency the baseline is one watcher alone.");
        md.AppendLine();
        Creates(md);
        Gets(md);
        Lists(md);
        Watches(md);
        Memory(md);
        md.AppendLine("## How it was measured");
        md.AppendLine();
        md.AppendLine(Inv, $"- Creates: closed loops (a client sends its next POST when the previous answered 201), after 100 untimed warm-up creates. {string.Join(" and ", settings.TimedCreateClients)} clients for {settings.CreateSeconds} s each, then {settings.FillClients} clients until {settings.Vms:N0} VMs exist, so the 64-client figure is the fill from the VMs the earlier phases made to {settings.Vms:N0} VMs and every later phase reads exactly {settings.Vms:N0} VMs. Server CPU per create is the server process's user+system time over the phase divided by the creates.");
        md.AppendLine(Inv, $"- GET: {settings.Gets} GETs of a random VM per case after 200 warm-up GETs, by 1 client and by {settings.ReadClients} clients; latency to the last byte of the body.");
        md.AppendLine(Inv, $"- LIST: the whole namespace ({settings.Vms:N0} VMs); {settings.Lists} sequential LISTs and {settings.ReadClients} under {settings.ReadClients} concurrent clients (one each) per variant, after one warm-up. Without resourceVersion a LIST is a consistent read from the store; `resourceVersion=0` is served from the watch cache; the paged walk follows `continue` to the end (latency of the whole walk). p99 of so few samples is the maximum.");
        md.AppendLine(Inv, $"- Watch: watches of namespace `bench` from the current resourceVersion with `allowWatchBookmarks=true`, spread evenly over the connections; then {settings.WatchUpdates} merge patches of one VM's labels, the next one sent when every watcher had the previous event (or after 10 s) plus {settings.WatchSpacing.TotalMilliseconds} ms. Latency is from just before the PATCH was sent to the moment a watcher's client read the event line; \"after response\" subtracts the PATCH's own round trip (negative when the event arrived before the response). The load generator parsing 1,000 streams shares the 2 cores with the server, so the fan-out figures include client-side queueing. Server CPU per update is the server's CPU time over the update loop (pauses included) divided by the updates.");
        md.AppendLine("- Memory: VmRSS (and VmHWM, the peak) of the server process from /proc/PID/status.");
        return md.ToString();
    }

    private void Creates(StringBuilder md)
    {
        md.AppendLine("## Creates");
        md.AppendLine();
        md.AppendLine("| store | clients | VMs created | API creates/s | p50 (ms) | p99 (ms) | raw creates/s | API ÷ raw | server CPU per create (ms) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in Stores)
        {
            foreach (var (clients, created, api, raw, cpu) in s.Creates)
            {
                md.AppendLine(Inv, $"| {s.Store} | {clients} | {created:N0} | {api.PerSecond:F0} | {api.Latencies.P50:F1} | {api.Latencies.P99:F1} | {raw?.PerSecond:F0} | {Ratio(api.PerSecond, raw?.PerSecond)} | {cpu:F2} |");
            }
        }

        md.AppendLine();
    }

    private void Gets(StringBuilder md)
    {
        md.AppendLine(Inv, $"## GET one VM ({settings.Vms:N0} stored)");
        md.AppendLine();
        md.AppendLine("| store | form | clients | p50 (ms) | p99 (ms) | GETs/s | raw p50 (ms) | raw p99 (ms) | raw gets/s | API p50 ÷ raw p50 | API GETs/s ÷ raw |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in Stores)
        {
            foreach (var (form, clients, api, raw) in s.Gets)
            {
                md.AppendLine(Inv, $"| {s.Store} | {form} | {clients} | {api.Latencies.P50:F2} | {api.Latencies.P99:F2} | {api.PerSecond:F0} | {raw?.Latencies.P50:F3} | {raw?.Latencies.P99:F3} | {raw?.PerSecond:F0} | {Ratio(api.Latencies.P50, raw?.Latencies.P50)} | {Ratio(api.PerSecond, raw?.PerSecond)} |");
            }
        }

        md.AppendLine();
    }

    private void Lists(StringBuilder md)
    {
        md.AppendLine(Inv, $"## LIST all {settings.Vms:N0} VMs");
        md.AppendLine();
        md.AppendLine("| store | variant | clients | p50 (ms) | p99 (ms) | LISTs/s | MB per list | server CPU per list (ms) | raw list p50 (ms) | API p50 ÷ raw p50 |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in Stores)
        {
            foreach (var (variant, clients, api, bytes, raw, cpu) in s.Lists)
            {
                md.AppendLine(Inv, $"| {s.Store} | {variant} | {clients} | {api.Latencies.P50:F0} | {api.Latencies.P99:F0} | {api.PerSecond:F1} | {bytes / 1e6:F1} | {cpu:F0} | {raw?.Latencies.P50:F0} | {Ratio(api.Latencies.P50, raw?.Latencies.P50)} |");
            }
        }

        md.AppendLine();
        md.AppendLine("Raw list: `IStorage.ListAsync` of the same prefix in one call (the paged row: pages of 500), at the same concurrency — the bytes leave the store but are not decoded or encoded.");
        md.AppendLine();
    }

    private void Watches(StringBuilder md)
    {
        md.AppendLine("## Watch fan-out (one VM updated, every watcher receives it)");
        md.AppendLine();
        md.AppendLine("| store | watchers | connections | updates | deliveries | missed | p50 (ms) | p99 (ms) | max (ms) | p50 after response (ms) | p99 after response (ms) | PATCH p50 (ms) | p50 ÷ 1 watcher | p99 ÷ 1 watcher | all watches established in (s) | server CPU per update (ms) |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in Stores)
        {
            var single = s.Watches.FirstOrDefault(w => w.Watchers == 1);
            foreach (var w in s.Watches)
            {
                md.AppendLine(Inv, $"| {s.Store} | {w.Watchers:N0} | {w.Connections} | {w.Updates} | {w.FromSent.Count:N0} | {w.Missed} | {w.FromSent.P50:F2} | {w.FromSent.P99:F2} | {w.FromSent.Max:F2} | {w.FromResponse.P50:F2} | {w.FromResponse.P99:F2} | {w.UpdateRoundTrip.P50:F2} | {Ratio(w.FromSent.P50, single?.FromSent.P50)} | {Ratio(w.FromSent.P99, single?.FromSent.P99)} | {w.EstablishSeconds:F1} | {w.ServerCpuMsPerUpdate:F0} |");
            }
        }

        md.AppendLine();
    }

    private void Memory(StringBuilder md)
    {
        md.AppendLine("## Resident memory of the server");
        md.AppendLine();
        md.AppendLine("| store | moment | VmRSS (MiB) | ÷ idle | VmHWM peak so far (MiB) |");
        md.AppendLine("|---|---|---:|---:|---:|");
        foreach (var s in Stores)
        {
            var idle = s.Memory.Count > 0 ? s.Memory[0].Rss : double.NaN;
            foreach (var (moment, rss, peak) in s.Memory)
            {
                md.AppendLine(Inv, $"| {s.Store} | {moment} | {rss:F0} | {Ratio(rss, idle)} | {peak:F0} |");
            }
        }

        md.AppendLine();
        md.AppendLine(Inv, $"Server start to ready: {string.Join(", ", Stores.Select(s => string.Create(Inv, $"{s.Store} {s.StartSeconds:F1} s")))} (includes generating the CA and certificates).");
        md.AppendLine();
    }

    private static string Ratio(double value, double? baseline) =>
        baseline is { } b && b != 0 && !double.IsNaN(b) && !double.IsNaN(value) ? (value / b).ToString(value / b >= 10 ? "F0" : "F2", Inv) : "";
}
