using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Registry.Builtin.Events;

/// <summary>
/// Removes events nobody has written for longer than <see cref="ResourceApiOptions.EventTtl"/>, as kube-apiserver's
/// <c>--event-ttl</c> (one hour by default) does by storing every event with an etcd lease renewed on each write. The
/// time of an event's last write is the newest of its creation time and its managed fields' times (the server records
/// one per writer and write). Every <see cref="ResourceApiOptions.EventTtlSweepInterval"/> the collector lists the
/// events (a consistent read) and deletes the expired ones, each with its resourceVersion as a precondition so that an
/// event written meanwhile survives. Runs only with the standalone core API.
/// </summary>
internal sealed partial class EventTtlCollector(ResourceStoreRegistry registry, ResourceApiOptions options, TimeProvider time, ILogger<EventTtlCollector> logger) : BackgroundService
{
    private static readonly UserInfo User = UserInfo.Create("system:apiserver", UserInfo.Masters);

    /// <summary>How many events the collector has deleted (for tests and diagnostics).</summary>
    internal long Deleted => Interlocked.Read(ref _deleted);

    private long _deleted;

    /// <summary>One sweep: deletes every event whose last write is older than the TTL at the current time; returns how many.</summary>
    internal async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var store = registry.Find("", "v1", "events") ?? throw new InvalidOperationException("the core events resource is not served");
        var listed = await store.ListAsync(new RequestScope { User = User }, new ListQuery(), cancellationToken);
        var cutoff = time.GetUtcNow() - options.EventTtl;
        var count = 0;
        foreach (var obj in listed.Items)
        {
            if (LastWrite(obj) is not { } written || written >= cutoff)
            {
                continue;
            }

            var deleteOptions = new DeleteOptions { Preconditions = new Preconditions { ResourceVersion = ObjectJson.GetString(obj, "resourceVersion") } };
            try
            {
                await store.DeleteAsync(new RequestScope { User = User, Namespace = ObjectJson.Namespace(obj) }, ObjectJson.Name(obj), deleteOptions, cancellationToken);
                count++;
                Interlocked.Increment(ref _deleted);
            }
            catch (StatusException e) when (e.Code is 404 or 409)
            {
                // Deleted or written since the list: nothing to do now.
            }
        }

        if (count > 0)
        {
            Log.Expired(logger, count, options.EventTtl);
        }

        return count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.EventTtlSweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await SweepAsync(stoppingToken);
                }
                catch (Exception e) when (e is StatusException or Storage.StorageException)
                {
                    Log.SweepFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The newest of the creation time and the managed fields' times; null when the event has none.</summary>
    private static DateTimeOffset? LastWrite(JsonObject obj)
    {
        DateTimeOffset? newest = null;
        var times = new List<string?> { ObjectJson.GetString(obj, "creationTimestamp") };
        if (obj["metadata"]?["managedFields"] is JsonArray entries)
        {
            times.AddRange(entries.Select(e => e?["time"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null));
        }

        foreach (var text in times)
        {
            if (text is not null && Rfc3339.TryParse(text, out var t) && (newest is null || t > newest))
            {
                newest = t;
            }
        }

        return newest;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5401, Level = LogLevel.Information, Message = "Deleted {Count} events not written for {Ttl}")]
        public static partial void Expired(ILogger logger, int count, TimeSpan ttl);

        [LoggerMessage(EventId = 5402, Level = LogLevel.Warning, Message = "Sweeping expired events failed; retrying at the next sweep")]
        public static partial void SweepFailed(ILogger logger, Exception exception);
    }
}
