using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Security;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The garbage collector of standalone mode, for owner references among this server's own objects (owners of group
/// <c>infra.virtrigaud.io</c>, such as a VMSet owning its VirtualMachines). Inside a cluster kube-controller-manager's
/// garbage collector does this job for every API, ours included (through the aggregation layer and the metadata
/// client), so the host enables this one only when it runs alone (<see cref="ResourceApiOptions.StandaloneGarbageCollector"/>).
/// </summary>
/// <remarks>
/// Level-based: every pass reads the current state of all resources and converges, triggered by any watch event and
/// at least every <see cref="ResourceApiOptions.GarbageCollectorResync"/>.
/// <list type="table">
/// <listheader><term>state</term><description>action (as kube-controller-manager's garbage collector)</description></listheader>
/// <item><term>owner being deleted with finalizer <c>orphan</c></term><description>remove the owner reference from every
/// dependent, then remove the finalizer</description></item>
/// <item><term>owner being deleted with finalizer <c>foregroundDeletion</c></term><description>delete its dependents
/// (foreground, so chains cascade; <c>blockOwnerDeletion</c> ones first); once no blocking dependent remains, remove
/// the finalizer</description></item>
/// <item><term>object whose owners (all of this group) are all gone</term><description>delete it in the background
/// (owner absence is confirmed by a consistent read, never by a cache alone)</description></item>
/// </list>
/// Owner references to other groups are never treated as gone: this server cannot see those objects.
/// </remarks>
internal sealed partial class GarbageCollector : BackgroundService
{
    private const string FieldManager = "virtrigaud-garbage-collector";
    private static readonly UserInfo User = UserInfo.Create("system:serviceaccount:kube-system:generic-garbage-collector", "system:serviceaccounts", "system:serviceaccounts:kube-system");

    private readonly ResourceStoreRegistry _registry;
    private readonly ResourceApiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GarbageCollector> _logger;
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public GarbageCollector(ResourceStoreRegistry registry, ResourceApiOptions options, TimeProvider time, ILogger<GarbageCollector> logger)
    {
        _registry = registry;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watchers = _registry.All.Select(store => WatchChangesAsync(store, stoppingToken)).ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await CollectAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.PassFailed(_logger, e);
                }

                using var resyncTimer = new CancellationTokenSource(_options.GarbageCollectorResync, _time);
                using var resync = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, resyncTimer.Token);
                try
                {
                    await _changes.Reader.ReadAsync(resync.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Resync.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(watchers);
    }

    /// <summary>One pass over every object of every resource.</summary>
    internal async Task CollectAsync(CancellationToken cancellationToken)
    {
        var all = new List<(ResourceStore Store, JsonObject Object)>();
        foreach (var store in _registry.All)
        {
            var list = await store.ListAsync(Scope(""), new ListQuery(), cancellationToken);
            all.AddRange(list.Items.Select(o => (store, o)));
        }

        var byUid = all.Where(e => ObjectJson.Uid(e.Object).Length > 0).ToDictionary(e => ObjectJson.Uid(e.Object), StringComparer.Ordinal);
        var dependents = new Dictionary<string, List<(ResourceStore Store, JsonObject Object)>>(StringComparer.Ordinal);
        foreach (var entry in all)
        {
            foreach (var owner in OwnerReferences(entry.Object))
            {
                if (!dependents.TryGetValue(owner.Uid, out var list))
                {
                    dependents[owner.Uid] = list = [];
                }

                list.Add(entry);
            }
        }

        foreach (var (store, obj) in all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var finalizers = ObjectJson.Finalizers(obj);
                var uid = ObjectJson.Uid(obj);
                var own = dependents.GetValueOrDefault(uid) ?? [];
                if (ObjectJson.IsBeingDeleted(obj) && finalizers.Contains(DeletionPropagationFinalizers.Orphan))
                {
                    await OrphanAsync(store, obj, own, cancellationToken);
                }
                else if (ObjectJson.IsBeingDeleted(obj) && finalizers.Contains(DeletionPropagationFinalizers.Foreground))
                {
                    await DeleteDependentsAsync(store, obj, own, cancellationToken);
                }
                else if (!ObjectJson.IsBeingDeleted(obj))
                {
                    await CollectIfOrphanedAsync(store, obj, byUid, cancellationToken);
                }
            }
            catch (StatusException e) when (e.Code is 404 or 409)
            {
                // Changed or gone meanwhile: the next pass sees the new state.
            }
        }
    }

    private async Task OrphanAsync(ResourceStore store, JsonObject owner, List<(ResourceStore Store, JsonObject Object)> dependents, CancellationToken cancellationToken)
    {
        var uid = ObjectJson.Uid(owner);
        foreach (var (dependentStore, dependent) in dependents)
        {
            await dependentStore.UpdateAsync(Scope(ObjectJson.Namespace(dependent)), ObjectJson.Name(dependent), "", (current, _) =>
            {
                if (current["metadata"]?["ownerReferences"] is JsonArray refs)
                {
                    var kept = refs.Where(r => Str(r?["uid"]) != uid).Select(r => r?.DeepClone()).ToArray();
                    if (kept.Length == 0)
                    {
                        ObjectJson.Metadata(current).Remove("ownerReferences");
                    }
                    else
                    {
                        ObjectJson.Metadata(current)["ownerReferences"] = new JsonArray(kept);
                    }
                }

                return ValueTask.FromResult(current);
            }, cancellationToken);
            Log.Orphaned(_logger, dependentStore.Kind.Kind, ObjectJson.Namespace(dependent), ObjectJson.Name(dependent), uid);
        }

        await RemoveFinalizerAsync(store, owner, DeletionPropagationFinalizers.Orphan, cancellationToken);
    }

    private async Task DeleteDependentsAsync(ResourceStore store, JsonObject owner, List<(ResourceStore Store, JsonObject Object)> dependents, CancellationToken cancellationToken)
    {
        var uid = ObjectJson.Uid(owner);
        var blocking = dependents.Where(d => OwnerReferences(d.Object).Any(r => r.Uid == uid && r.BlockOwnerDeletion)).ToList();
        foreach (var (dependentStore, dependent) in blocking.Concat(dependents.Except(blocking)))
        {
            if (ObjectJson.IsBeingDeleted(dependent))
            {
                continue;
            }

            var options = new DeleteOptions
            {
                PropagationPolicy = DeletionPropagation.Foreground,
                Preconditions = new Preconditions { Uid = ObjectJson.Uid(dependent) },
            };
            await dependentStore.DeleteAsync(Scope(ObjectJson.Namespace(dependent)), ObjectJson.Name(dependent), options, cancellationToken);
            Log.DeletedDependent(_logger, dependentStore.Kind.Kind, ObjectJson.Namespace(dependent), ObjectJson.Name(dependent), uid);
        }

        if (blocking.Count == 0)
        {
            await RemoveFinalizerAsync(store, owner, DeletionPropagationFinalizers.Foreground, cancellationToken);
        }
    }

    private async Task CollectIfOrphanedAsync(ResourceStore store, JsonObject obj, Dictionary<string, (ResourceStore Store, JsonObject Object)> byUid, CancellationToken cancellationToken)
    {
        var owners = OwnerReferences(obj).ToList();
        if (owners.Count == 0 || owners.Any(o => o.Group != GroupInfo.Group || byUid.ContainsKey(o.Uid)))
        {
            return;
        }

        // The caches of different resources may lag each other: confirm every owner's absence with a consistent read.
        foreach (var owner in owners)
        {
            if (Kinds.ByKind(owner.Kind) is not { } kind)
            {
                return;
            }

            try
            {
                var live = await _registry.For(kind).GetAsync(Scope(ObjectJson.Namespace(obj)), owner.Name, null, cancellationToken);
                if (ObjectJson.Uid(live) == owner.Uid)
                {
                    return;
                }
            }
            catch (StatusException e) when (e.Code == 404)
            {
            }
        }

        var options = new DeleteOptions
        {
            PropagationPolicy = DeletionPropagation.Background,
            Preconditions = new Preconditions { Uid = ObjectJson.Uid(obj) },
        };
        await store.DeleteAsync(Scope(ObjectJson.Namespace(obj)), ObjectJson.Name(obj), options, cancellationToken);
        Log.DeletedOrphan(_logger, store.Kind.Kind, ObjectJson.Namespace(obj), ObjectJson.Name(obj));
    }

    private async Task RemoveFinalizerAsync(ResourceStore store, JsonObject obj, string finalizer, CancellationToken cancellationToken)
    {
        var uid = ObjectJson.Uid(obj);
        await store.UpdateAsync(Scope(ObjectJson.Namespace(obj)), ObjectJson.Name(obj), "", (current, _) =>
        {
            if (ObjectJson.Uid(current) != uid)
            {
                throw StatusException.Conflict(store.Kind.Group, store.Kind.Plural, ObjectJson.Name(obj), "the object was replaced");
            }

            ObjectJson.SetFinalizers(current, ObjectJson.Finalizers(current).Where(f => f != finalizer).ToList());
            return ValueTask.FromResult(current);
        }, cancellationToken);
        Log.RemovedFinalizer(_logger, finalizer, store.Kind.Kind, ObjectJson.Namespace(obj), ObjectJson.Name(obj));
    }

    /// <summary>Turns every watch event of a resource into a "something changed" signal; re-watches when a watch ends.</summary>
    private async Task WatchChangesAsync(ResourceStore store, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var _ in store.WatchAsync(Scope(""), new ListQuery { Watch = true, SendInitialEvents = false }, cancellationToken))
                {
                    _changes.Writer.TryWrite(true);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is StatusException or InvalidOperationException)
            {
                Log.WatchFailed(_logger, e, store.Kind.Plural);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static RequestScope Scope(string ns) => new() { User = User, Namespace = ns, FieldManager = FieldManager };

    private static IEnumerable<OwnerRef> OwnerReferences(JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is not JsonArray refs)
        {
            yield break;
        }

        foreach (var r in refs.OfType<JsonObject>())
        {
            var apiVersion = Str(r["apiVersion"]) ?? "";
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            yield return new OwnerRef(
                slash < 0 ? "" : apiVersion[..slash],
                Str(r["kind"]) ?? "",
                Str(r["name"]) ?? "",
                Str(r["uid"]) ?? "",
                r["blockOwnerDeletion"] is JsonValue b && b.GetValueKind() == JsonValueKind.True);
        }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private sealed record OwnerRef(string Group, string Kind, string Name, string Uid, bool BlockOwnerDeletion);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Orphaned {Kind} {Namespace}/{Name}: removed the owner reference to {OwnerUid}")]
        public static partial void Orphaned(ILogger logger, string kind, string @namespace, string name, string ownerUid);

        [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "Deleting {Kind} {Namespace}/{Name}: its owner {OwnerUid} is being deleted in the foreground")]
        public static partial void DeletedDependent(ILogger logger, string kind, string @namespace, string name, string ownerUid);

        [LoggerMessage(EventId = 5303, Level = LogLevel.Information, Message = "Deleting {Kind} {Namespace}/{Name}: all its owners are gone")]
        public static partial void DeletedOrphan(ILogger logger, string kind, string @namespace, string name);

        [LoggerMessage(EventId = 5304, Level = LogLevel.Information, Message = "Removed finalizer {Finalizer} from {Kind} {Namespace}/{Name}")]
        public static partial void RemovedFinalizer(ILogger logger, string finalizer, string kind, string @namespace, string name);

        [LoggerMessage(EventId = 5305, Level = LogLevel.Warning, Message = "Garbage collection pass failed; retrying at the next change or resync")]
        public static partial void PassFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 5306, Level = LogLevel.Warning, Message = "Garbage collector watch of {Resource} failed; re-watching")]
        public static partial void WatchFailed(ILogger logger, Exception exception, string resource);
    }
}
