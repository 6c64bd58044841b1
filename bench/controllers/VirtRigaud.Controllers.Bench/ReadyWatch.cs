using System.Diagnostics;
using System.Text.Json.Nodes;

namespace VirtRigaud.Controllers.Bench;

/// <summary>
/// Follows the VirtualMachines of one namespace with a watch (one HTTP/2 stream, no polling, so the measurement adds
/// almost nothing to the API server's load) and records when each first became Ready: condition <c>Ready=True</c> and
/// phase <c>Running</c>. A watch that ends is resumed from the last resourceVersion. Thread-safe.
/// </summary>
internal sealed class ReadyWatch : IAsyncDisposable
{
    private readonly HttpClient _client;
    private readonly string _path;
    private readonly int _expected;
    private readonly Stopwatch _clock;
    private readonly Dictionary<string, TimeSpan> _readyAt = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _allReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ReadyWatch(HttpClient client, string @namespace, int expected, Stopwatch clock, string resourceVersion)
    {
        _client = client;
        _path = $"/apis/infra.virtrigaud.io/v1beta1/namespaces/{@namespace}/virtualmachines";
        _expected = expected;
        _clock = clock;
        _loop = Task.Run(() => RunAsync(resourceVersion, _stop.Token));
    }

    /// <summary>Lists the namespace (it must be empty of Ready VMs) and starts watching from there; times are read from <paramref name="clock"/>.</summary>
    public static async Task<ReadyWatch> StartAsync(HttpClient client, string @namespace, int expected, Stopwatch clock, CancellationToken cancellationToken)
    {
        var list = JsonNode.Parse(await client.GetStringAsync(new Uri($"/apis/infra.virtrigaud.io/v1beta1/namespaces/{@namespace}/virtualmachines", UriKind.Relative), cancellationToken))!;
        return new ReadyWatch(client, @namespace, expected, clock, (string?)list["metadata"]?["resourceVersion"] ?? "0");
    }

    /// <summary>Completes when <c>expected</c> VMs have been Ready.</summary>
    public Task AllReady => _allReady.Task;

    /// <summary>How many VMs have been Ready so far.</summary>
    public int ReadyCount
    {
        get
        {
            lock (_readyAt)
            {
                return _readyAt.Count;
            }
        }
    }

    /// <summary>When each VM first became Ready, on the clock given at start, sorted.</summary>
    public IReadOnlyList<TimeSpan> ReadyTimes()
    {
        lock (_readyAt)
        {
            return [.. _readyAt.Values.Order()];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(string resourceVersion, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var uri = new Uri($"{_path}?watch=true&allowWatchBookmarks=true&resourceVersion={resourceVersion}", UriKind.Relative);
                using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
                while (await reader.ReadLineAsync(cancellationToken) is { } line)
                {
                    var watchEvent = JsonNode.Parse(line);
                    var obj = watchEvent?["object"];
                    resourceVersion = (string?)obj?["metadata"]?["resourceVersion"] ?? resourceVersion;
                    if ((string?)watchEvent?["type"] is "ADDED" or "MODIFIED" && IsReady(obj))
                    {
                        Record((string)obj!["metadata"]!["name"]!);
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                // The stream broke (the server restarts its watches now and then): resume from the last version.
                await Console.Error.WriteLineAsync($"watch of {_path} ended ({e.Message}); resuming at {resourceVersion}");
            }
        }
    }

    private void Record(string name)
    {
        lock (_readyAt)
        {
            if (_readyAt.TryAdd(name, _clock.Elapsed) && _readyAt.Count == _expected)
            {
                _allReady.TrySetResult();
            }
        }
    }

    private static bool IsReady(JsonNode? vm) =>
        (string?)vm?["status"]?["phase"] == "Running"
        && vm?["status"]?["conditions"] is JsonArray conditions
        && conditions.Any(c => (string?)c?["type"] == "Ready" && (string?)c?["status"] == "True");
}
