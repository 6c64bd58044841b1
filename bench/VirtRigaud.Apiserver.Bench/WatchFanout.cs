using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Bench;

/// <summary>
/// Watch fan-out: <c>watchers</c> watches of the VirtualMachines of one namespace, spread over <c>connections</c>
/// HTTP/2 connections (as a fleet of clients holds them), all started at the current resourceVersion with bookmarks
/// allowed (as client-go's reflector asks). Then one VM is updated (a merge patch of a label carrying a sequence
/// number) <c>updates</c> times; after each update the next waits until every watcher has the event (or 10 s), plus a
/// short pause. Every watcher timestamps each line as it arrives.
/// </summary>
internal static class WatchFanout
{
    private const string Label = "bench-seq";
    private static readonly byte[] Marker = Encoding.UTF8.GetBytes($"\"{Label}\":\"");

    /// <param name="newClient">Makes a client with its own connection.</param>
    /// <param name="updater">The client that sends the updates (its own connection).</param>
    /// <param name="watchers">Concurrent watches.</param>
    /// <param name="connections">Connections they are spread over.</param>
    /// <param name="updates">Updates of the VM.</param>
    /// <param name="firstSeq">The first label value; values must not repeat across runs on one server (a no-op patch has no event).</param>
    /// <param name="spacing">Pause after every watcher got an update.</param>
    /// <param name="ns">Namespace watched.</param>
    /// <param name="vm">The VM updated.</param>
    /// <param name="established">Called once every watch is established and before the first update (memory is read then).</param>
    /// <param name="serverCpuSeconds">Reads the server's CPU time so far.</param>
    /// <param name="cancellationToken">Stops the measurement.</param>
    public static async Task<WatchResult> RunAsync(
        Func<HttpClient> newClient, HttpClient updater, int watchers, int connections, int updates, int firstSeq, TimeSpan spacing,
        string ns, string vm, Action established, Func<double> serverCpuSeconds, CancellationToken cancellationToken)
    {
        var path = string.Format(CultureInfo.InvariantCulture, ApiClient.VmPath, ns);
        var rv = await ResourceVersionAsync(updater, path, cancellationToken);
        var clients = Enumerable.Range(0, connections).Select(_ => newClient()).ToList();
        var received = new long[updates * watchers];
        var counts = new int[updates];
        var complete = Enumerable.Range(0, updates).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var open = new CountdownEvent(watchers);
        var failures = 0;
        var clock = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, watchers).Select(w => Task.Run(async () =>
        {
            try
            {
                await WatchAsync(clients[w % connections], $"{path}?watch=true&allowWatchBookmarks=true&timeoutSeconds=1800&resourceVersion={rv}", open, seq =>
                {
                    var index = seq - firstSeq;
                    if (index < 0 || index >= updates || Interlocked.CompareExchange(ref received[(index * watchers) + w], Stopwatch.GetTimestamp(), 0) != 0)
                    {
                        return;
                    }

                    if (Interlocked.Increment(ref counts[index]) == watchers)
                    {
                        complete[index].TrySetResult();
                    }
                }, stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The measurement is over.
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
            {
                if (Interlocked.Increment(ref failures) == 1)
                {
                    Console.Error.WriteLine($"watch {w} failed: {e.Message}");
                }

                if (!open.IsSet)
                {
                    open.Signal();
                }
            }
        }, CancellationToken.None)).ToList();

        await Task.Run(() => open.Wait(TimeSpan.FromMinutes(3), cancellationToken), cancellationToken);
        var establishSeconds = clock.Elapsed.TotalSeconds;
        established();

        var sent = new long[updates];
        var responded = new long[updates];
        var roundTrips = new Latencies();
        var cpuBefore = serverCpuSeconds();
        for (var n = 0; n < updates; n++)
        {
            using var patch = new HttpRequestMessage(HttpMethod.Patch, $"{path}/{vm}")
            {
                Content = new StringContent("{\"metadata\":{\"labels\":{\"" + Label + "\":\"" + (firstSeq + n).ToString(CultureInfo.InvariantCulture) + "\"}}}", Encoding.UTF8, "application/merge-patch+json"),
            };
            sent[n] = Stopwatch.GetTimestamp();
            using (var response = await updater.SendAsync(patch, cancellationToken))
            {
                await response.Content.LoadIntoBufferAsync(cancellationToken);
                responded[n] = Stopwatch.GetTimestamp();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"PATCH {vm}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
                }
            }

            roundTrips.Add(Stopwatch.GetElapsedTime(sent[n], responded[n]).TotalMilliseconds);
            await Task.WhenAny(complete[n].Task, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken));
            await Task.Delay(spacing, cancellationToken);
        }

        // Includes the pauses: work an update sets off in the background (after its response) counts too.
        var cpuPerUpdate = (serverCpuSeconds() - cpuBefore) * 1000 / updates;
        await stop.CancelAsync();
        await Task.WhenAll(tasks);
        foreach (var client in clients)
        {
            client.Dispose();
        }

        var fromSent = new Latencies();
        var fromResponse = new Latencies();
        var missed = 0;
        for (var n = 0; n < updates; n++)
        {
            for (var w = 0; w < watchers; w++)
            {
                var at = received[(n * watchers) + w];
                if (at == 0)
                {
                    missed++;
                    continue;
                }

                fromSent.Add(Stopwatch.GetElapsedTime(sent[n], at).TotalMilliseconds);
                // Negative when the event reached the watcher before the update's response reached the updater.
                fromResponse.Add((at - responded[n]) * 1000.0 / Stopwatch.Frequency);
            }
        }

        return new WatchResult(watchers, connections, updates, fromSent, fromResponse, roundTrips, missed, establishSeconds, cpuPerUpdate);
    }

    private static async Task WatchAsync(HttpClient client, string url, CountdownEvent open, Action<int> onSeq, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"watch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        // The server registers the watcher before it sends the headers: from here every change reaches this watch.
        open.Signal();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[64 * 1024];
        var filled = 0;
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return;
            }

            filled += read;
            int newline;
            while ((newline = Array.IndexOf(buffer, (byte)'\n', 0, filled)) >= 0)
            {
                var line = buffer.AsSpan(0, newline);
                var at = line.IndexOf(Marker);
                if (at >= 0)
                {
                    var digits = line[(at + Marker.Length)..];
                    var end = digits.IndexOf((byte)'"');
                    onSeq(int.Parse(Encoding.ASCII.GetString(digits[..end]), CultureInfo.InvariantCulture));
                }

                buffer.AsSpan(newline + 1, filled - newline - 1).CopyTo(buffer);
                filled -= newline + 1;
            }
        }
    }

    private static async Task<string> ResourceVersionAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var list = JsonNode.Parse(await client.GetStringAsync($"{path}?limit=1", cancellationToken))!;
        return list["metadata"]!["resourceVersion"]!.GetValue<string>();
    }
}
