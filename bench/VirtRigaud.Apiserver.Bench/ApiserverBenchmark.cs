using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using VirtRigaud.Etcd;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Apiserver.Bench;

/// <summary>
/// Runs every phase on every store. Per store: start the server process on a fresh data directory; read its idle
/// memory; create VMs in namespace <c>bench</c> with 1 and 8 clients for a fixed time each, then with 64 clients until
/// <see cref="BenchSettings.Vms"/> exist (so the 10,000 are exactly the VMs read later); GETs and LISTs, sequential and
/// concurrent; one watcher, then the fan-out; stop the server. Then the baseline on the same store: raw creates at the
/// same concurrencies on an empty store, raw gets and lists of the server's own 10,000 VMs.
/// </summary>
internal static class ApiserverBenchmark
{
    private const string Namespace = "bench";
    private const int WarmupCreates = 100;

    public static async Task<BenchReport> RunAsync(BenchSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        var template = VmTemplate.Load(settings.ExampleFile);
        var report = new BenchReport(settings, template);
        var root = Directory.CreateTempSubdirectory("virtrigaud-apiserver-bench-").FullName;
        EtcdServer? etcd = null;
        EtcdClient? etcdClient = null;
        var clock = Stopwatch.StartNew();
        try
        {
            if (settings.Stores.Contains("etcd"))
            {
                etcd = await EtcdServer.StartAsync(cancellationToken: cancellationToken);
                etcdClient = new EtcdClient(new EtcdClientOptions { Endpoints = [etcd.ClientUrl] });
                report.EtcdVersion = (await etcd.EtcdctlAsync(["version"], cancellationToken)).Split('\n')[0].Trim();
            }

            foreach (var store in settings.Stores)
            {
                var results = new StoreResults(store);
                report.Stores.Add(results);
                var directory = Path.Combine(root, store);
                await ServerPhasesAsync(settings, template, results, directory, etcd?.ClientUrl.ToString().TrimEnd('/'), log, cancellationToken);
                await BaselineAsync(settings, results, directory, etcdClient, log, cancellationToken);
                await Log(log, $"{store}: done after {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        finally
        {
            if (etcdClient is not null)
            {
                await etcdClient.DisposeAsync();
            }

            if (etcd is not null)
            {
                await etcd.DisposeAsync();
            }

            Directory.Delete(root, recursive: true);
        }

        report.TotalSeconds = clock.Elapsed.TotalSeconds;
        return report;
    }

    private static async Task ServerPhasesAsync(
        BenchSettings settings, VmTemplate template, StoreResults results, string directory, string? etcdUrl, TextWriter log, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var (server, admin) = await ServerProcess.StartAsync(settings.ServerDll, Path.Combine(directory, "server"), results.Store == "etcd" ? etcdUrl : null, RawStorage.ServerPrefix, cancellationToken);
        results.StartSeconds = started.Elapsed.TotalSeconds;
        var clients = new List<HttpClient>();
        HttpClient Client(int i)
        {
            lock (clients)
            {
                while (clients.Count <= i)
                {
                    clients.Add(ApiClient.Create(server.DataDirectory, server.Port));
                }

                return clients[i];
            }
        }

        await using (server)
        {
            try
            {
                await Log(log, $"{results.Store}: server pid {server.Pid} on port {server.Port}, ready after {results.StartSeconds:F1} s");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                Memory(server, results, "idle after start");
                var path = string.Format(CultureInfo.InvariantCulture, ApiClient.VmPath, Namespace);

                // Creates: a shared counter gives every VM a unique name; 1 and 8 clients for a fixed time, 64 to the total.
                var next = 0;
                async Task CreateOne(int client, CancellationToken ct)
                {
                    var name = VmTemplate.Name(Interlocked.Increment(ref next) - 1);
                    using var content = new StringContent(template.Body(name, Namespace), Encoding.UTF8, "application/json");
                    using var response = await Client(client).PostAsync(path, content, ct);
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        throw new InvalidOperationException($"POST {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                    }

                    await response.Content.LoadIntoBufferAsync(ct);
                }

                // Warm-up (JIT, connections, the store's statements), counted among the VMs but not timed.
                await LoadLoop.CountedAsync(settings.FillClients, WarmupCreates, CreateOne, cancellationToken);
                foreach (var c in settings.TimedCreateClients)
                {
                    var (before, cpu) = (next, server.CpuSeconds());
                    var timed = await LoadLoop.TimedAsync(c, settings.CreateDuration, CreateOne, cancellationToken);
                    results.Creates.Add((c, next - before, timed, null, (server.CpuSeconds() - cpu) * 1000 / (next - before)));
                    await Log(log, $"{results.Store}: creates, {c} clients: {timed.PerSecond:F0}/s, p50 {timed.Latencies.P50:F1} ms, p99 {timed.Latencies.P99:F1} ms");
                }

                if (next > settings.Vms)
                {
                    throw new InvalidOperationException($"the timed create phases made {next} VMs, more than --vms {settings.Vms}: shorten them");
                }

                {
                    var (before, cpu) = (next, server.CpuSeconds());
                    var fill = await LoadLoop.CountedAsync(settings.FillClients, settings.Vms - next, CreateOne, cancellationToken);
                    results.Creates.Add((settings.FillClients, next - before, fill, null, (server.CpuSeconds() - cpu) * 1000 / (next - before)));
                    results.StoredVms = next;
                    await Log(log, $"{results.Store}: fill to {next} with {settings.FillClients} clients: {fill.PerSecond:F0}/s, p50 {fill.Latencies.P50:F1} ms, p99 {fill.Latencies.P99:F1} ms");
                }

                Memory(server, results, $"{results.StoredVms:N0} VMs stored");

                // GET: a random VM each time; warm-up first (the server has not served GETs yet).
                foreach (var (form, accept) in new[] { ("JSON", "application/json"), ("Table", ApiClient.TableAccept) })
                {
                    Task Get(int client, CancellationToken ct) =>
                        Drain(Client(client), HttpMethod.Get, $"{path}/{VmTemplate.Name(Random.Shared.Next(results.StoredVms))}", accept, ct);

                    await LoadLoop.CountedAsync(1, 200, Get, cancellationToken);
                    foreach (var c in new[] { 1, settings.ReadClients })
                    {
                        var gets = await LoadLoop.CountedAsync(c, settings.Gets, Get, cancellationToken);
                        results.Gets.Add((form, c, gets, null));
                        await Log(log, $"{results.Store}: GET {form}, {c} clients: p50 {gets.Latencies.P50:F2} ms, p99 {gets.Latencies.P99:F2} ms, {gets.PerSecond:F0}/s");
                    }
                }

                // LIST of all the VMs in the namespace, in every form; one warm-up each.
                var listCases = new (string Variant, string Query, string Accept)[]
                {
                    ("JSON", "", "application/json"),
                    ("Table", "", ApiClient.TableAccept),
                    ("JSON, resourceVersion=0 (cache)", "?resourceVersion=0", "application/json"),
                    ("Table, resourceVersion=0 (cache)", "?resourceVersion=0", ApiClient.TableAccept),
                    ("JSON, paged walk limit=500", "?limit=500", "application/json"),
                };
                foreach (var (variant, query, accept) in listCases)
                {
                    long bytes = 0;
                    async Task List(int client, CancellationToken ct)
                    {
                        var url = path + query;
                        long total = 0;
                        while (url is not null)
                        {
                            var (size, continueToken) = await ReadListAsync(Client(client), url, accept, ct);
                            total += size;
                            url = continueToken is null ? null : $"{path}{query}&continue={Uri.EscapeDataString(continueToken)}";
                        }

                        Interlocked.Exchange(ref bytes, total);
                    }

                    await List(0, cancellationToken);
                    foreach (var (c, count) in new[] { (1, settings.Lists), (settings.ReadClients, settings.ReadClients) })
                    {
                        var cpu = server.CpuSeconds();
                        var lists = await LoadLoop.CountedAsync(c, count, List, cancellationToken);
                        results.Lists.Add((variant, c, lists, bytes, null, (server.CpuSeconds() - cpu) * 1000 / count));
                        await Log(log, $"{results.Store}: LIST {variant}, {c} clients: p50 {lists.Latencies.P50:F0} ms, p99 {lists.Latencies.P99:F0} ms, {bytes / 1e6:F1} MB");
                    }
                }

                Memory(server, results, "after the GET and LIST phases");

                // Watch: one watcher (the baseline), then the fan-out.
                var seq = 1;
                var updater = ApiClient.Create(server.DataDirectory, server.Port);
                clients.Add(updater);
                foreach (var (watchers, connections) in new[] { (1, 1), (settings.Watchers, settings.WatchConnections) })
                {
                    var result = await WatchFanout.RunAsync(
                        () => ApiClient.Create(server.DataDirectory, server.Port), updater, watchers, connections, settings.WatchUpdates, seq, settings.WatchSpacing,
                        Namespace, VmTemplate.Name(0), () => Memory(server, results, $"{watchers:N0} watches open"), server.CpuSeconds, cancellationToken);
                    seq += settings.WatchUpdates;
                    results.Watches.Add(result);
                    await Log(log, $"{results.Store}: watch, {watchers} watchers on {connections} connections: p50 {result.FromSent.P50:F1} ms, p99 {result.FromSent.P99:F1} ms, max {result.FromSent.Max:F1} ms, missed {result.Missed}, server CPU per update {result.ServerCpuMsPerUpdate:F0} ms");
                }

                Memory(server, results, "after the watch phase (watches closed)");
            }
            finally
            {
                foreach (var client in clients)
                {
                    client.Dispose();
                }

                admin.Dispose();
            }
        }
    }

    private static async Task BaselineAsync(BenchSettings settings, StoreResults results, string directory, EtcdClient? etcd, TextWriter log, CancellationToken cancellationToken)
    {
        byte[] value;
        await using (var data = await RawStorage.OpenServerDataAsync(results.Store, Path.Combine(directory, "server"), etcd, cancellationToken))
        {
            // The value the server stored for one VM: the raw creates write exactly that many bytes.
            value = (await data.GetAsync($"{RawStorage.VmPrefix}{Namespace}/{VmTemplate.Name(0)}", default, cancellationToken))!.Value;
            for (var i = 0; i < results.Gets.Count; i++)
            {
                var (form, c, api, _) = results.Gets[i];
                var raw = await RawStorage.GetsAsync(data, Namespace, results.StoredVms, c, settings.Gets, cancellationToken);
                results.Gets[i] = (form, c, api, raw);
            }

            for (var i = 0; i < results.Lists.Count; i++)
            {
                var (variant, c, api, bytes, _, cpu) = results.Lists[i];
                var paged = variant.Contains("limit=500", StringComparison.Ordinal);
                var raw = await RawStorage.ListsAsync(data, Namespace, paged ? 500 : 0, c, c == 1 ? settings.Lists : c, cancellationToken);
                results.Lists[i] = (variant, c, api, bytes, raw, cpu);
            }
        }

        await Log(log, $"{results.Store}: raw gets and lists of the server's data done");
        var fresh = Path.Combine(directory, "raw");
        Directory.CreateDirectory(fresh);
        await using var empty = await RawStorage.OpenFreshAsync(results.Store, fresh, etcd, cancellationToken);
        for (var i = 0; i < results.Creates.Count; i++)
        {
            var (c, created, api, _, cpu) = results.Creates[i];
            var raw = await RawStorage.CreatesAsync(empty, c, settings.CreateDuration, value, cancellationToken);
            results.Creates[i] = (c, created, api, raw, cpu);
            await Log(log, $"{results.Store}: raw creates, {c} clients: {raw.PerSecond:F0}/s");
        }
    }

    private static void Memory(ServerProcess server, StoreResults results, string moment)
    {
        var (rss, peak) = server.Memory();
        results.Memory.Add((moment, rss, peak));
    }

    /// <summary>Sends a request and reads the whole response body; anything but 200 is an error.</summary>
    private static async Task Drain(HttpClient client, HttpMethod method, string url, string accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
    }

    /// <summary>Reads one LIST response whole; returns its size and its continue token (null on the last page).</summary>
    private static async Task<(long Bytes, string? Continue)> ReadListAsync(HttpClient client, string url, string accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        }

        return (body.Length, ContinueToken(body));
    }

    /// <summary>metadata.continue of a list, found without parsing 20 MB: it is in the list's metadata, before the items.</summary>
    private static string? ContinueToken(byte[] body)
    {
        var head = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
        var at = head.IndexOf("\"continue\":\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var start = at + "\"continue\":\"".Length;
        var token = head[start..head.IndexOf('"', start)];
        return token.Length == 0 ? null : token;
    }

    private static Task Log(TextWriter log, FormattableString line) => log.WriteLineAsync(line.ToString(CultureInfo.InvariantCulture));
}
