using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Http;
using VirtRigaud.Apiserver.Security;
using ListOptions = VirtRigaud.Storage.ListOptions;
using StorageException = VirtRigaud.Storage.StorageException;
using StorageList = VirtRigaud.Storage.StorageList;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The garbage collector of standalone mode, for owner references among this server's own objects (owners this server
/// stores, such as a VMSet owning its VirtualMachines or a VirtualMachine owning a Secret). Inside a cluster kube-controller-manager's
/// garbage collector does this job for every API, ours included (through the aggregation layer and the metadata
/// client), so the host enables this one only when it runs alone (<see cref="ResourceApiOptions.StandaloneGarbageCollector"/>).
/// </summary>
/// <remarks>
/// <para>
/// Event-driven, like kube-controller-manager's GraphBuilder: per resource a reflector lists the watch cache
/// (<c>resourceVersion=0</c>) and then watches from that list's revision; the lists and events maintain an
/// <see cref="OwnerGraph"/> (uid → owners, owner uid → dependents). A change queues only the objects it concerns: the
/// changed object itself, its owners that are being deleted (a foreground owner waits for its dependents), and — when
/// an object disappears — its dependents. One loop works the queue. Every
/// <see cref="ResourceApiOptions.GarbageCollectorResync"/> (but never more often than <see cref="MinimumResync"/>) each
/// reflector relists from the watch cache and every object is queued again: the safety pass, which never reads storage.
/// </para>
/// <list type="table">
/// <listheader><term>state</term><description>action (as kube-controller-manager's garbage collector)</description></listheader>
/// <item><term>owner being deleted with finalizer <c>orphan</c></term><description>remove the owner reference from every
/// dependent, then remove the finalizer</description></item>
/// <item><term>owner being deleted with finalizer <c>foregroundDeletion</c></term><description>delete its dependents
/// (foreground, so chains cascade; <c>blockOwnerDeletion</c> ones first); once no blocking dependent remains, remove
/// the finalizer</description></item>
/// <item><term>object whose owners (all stored by this server) are all gone</term><description>delete it in the background
/// (owner absence is confirmed by a consistent read, never by a cache alone)</description></item>
/// </list>
/// The caches of different resources may lag each other, so before a propagation finalizer is removed the dependents
/// are also looked up in storage (a consistent read of the raw bytes, decoding only the objects that mention the
/// owner's uid): once per owner deletion, not per change. Owner references to kinds this server does not store are
/// never treated as gone: this server cannot see those objects.
/// </remarks>
internal sealed partial class GarbageCollector : BackgroundService
{
    /// <summary>The shortest time between two safety passes (relists from the watch cache) of a resource.</summary>
    internal static readonly TimeSpan MinimumResync = TimeSpan.FromSeconds(10);

    private const string FieldManager = "virtrigaud-garbage-collector";
    private static readonly UserInfo User = UserInfo.Create("system:serviceaccount:kube-system:generic-garbage-collector", "system:serviceaccounts", "system:serviceaccounts:kube-system");
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ResourceStoreRegistry _registry;
    private readonly ResourceApiOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GarbageCollector> _logger;
    private readonly Channel<Message> _messages = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<string> _work = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private long _processed;
    private long _storageScans;

    public GarbageCollector(ResourceStoreRegistry registry, ResourceApiOptions options, TimeProvider time, ILogger<GarbageCollector> logger)
    {
        _registry = registry;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>The collector's picture of the objects (for tests and diagnostics; read-only use).</summary>
    internal OwnerGraph Graph { get; } = new();

    /// <summary>How many queued objects the collector has examined (for tests: a change examines a handful, not all).</summary>
    internal long Processed => Interlocked.Read(ref _processed);

    /// <summary>How many times the collector read storage to confirm an owner's dependents (once per propagation finalizer).</summary>
    internal long StorageScans => Interlocked.Read(ref _storageScans);

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reflectors = _registry.Primary.Select(store => ReflectAsync(store, stoppingToken)).ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                while (_messages.Reader.TryRead(out var message))
                {
                    Apply(message);
                }

                if (_work.TryDequeue(out var uid))
                {
                    _queued.Remove(uid);
                    await ProcessAsync(uid, stoppingToken);
                    continue;
                }

                await _messages.Reader.WaitToReadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(reflectors);
    }

    /// <summary>Applies a list or an event to the graph and queues the objects it concerns. Runs on the loop only.</summary>
    private void Apply(Message message)
    {
        switch (message)
        {
            case Sync sync:
                var listed = new HashSet<string>(StringComparer.Ordinal);
                foreach (var obj in sync.Items)
                {
                    if (OwnerGraph.NodeOf(sync.Store, obj, Revision(obj)) is { } node)
                    {
                        listed.Add(node.Uid);
                        Upsert(node);
                    }
                }

                foreach (var stale in Graph.NodesOf(sync.Store).Where(n => !listed.Contains(n.Uid)))
                {
                    Remove(stale.Uid);
                }

                break;
            case Change { Type: WatchEventType.Deleted } change:
                Remove(ObjectJson.Uid(change.Object));
                break;
            case Change change:
                if (OwnerGraph.NodeOf(change.Store, change.Object, change.Revision) is { } changed)
                {
                    Upsert(changed);
                }

                break;
            case Retry retry:
                Enqueue(retry.Uid);
                break;
        }
    }

    private void Upsert(OwnerGraph.Node node)
    {
        var previous = Graph.Upsert(node, out var applied);
        if (!applied)
        {
            return;
        }

        Enqueue(node.Uid);
        EnqueueDeletingOwners(node);
        if (previous is not null)
        {
            EnqueueDeletingOwners(previous);
        }
    }

    private void Remove(string uid)
    {
        if (uid.Length == 0 || Graph.Remove(uid) is not { } removed)
        {
            return;
        }

        // Its dependents may now be orphans; a foreground owner may now be free to go.
        foreach (var dependent in Graph.DependentsOf(uid))
        {
            Enqueue(dependent.Uid);
        }

        EnqueueDeletingOwners(removed);
    }

    private void EnqueueDeletingOwners(OwnerGraph.Node node)
    {
        foreach (var owner in node.Owners)
        {
            if (Graph.Find(owner.Uid) is { BeingDeleted: true } found)
            {
                Enqueue(found.Uid);
            }
        }
    }

    private void Enqueue(string uid)
    {
        if (_queued.Add(uid))
        {
            _work.Enqueue(uid);
        }
    }

    /// <summary>Examines one object (its current state in the graph) and acts on it.</summary>
    private async Task ProcessAsync(string uid, CancellationToken cancellationToken)
    {
        if (Graph.Find(uid) is not { } node)
        {
            return;
        }

        Interlocked.Increment(ref _processed);
        try
        {
            if (node.BeingDeleted && node.Orphan)
            {
                await OrphanAsync(node, cancellationToken);
            }
            else if (node.BeingDeleted && node.Foreground)
            {
                await DeleteDependentsAsync(node, cancellationToken);
            }
            else if (!node.BeingDeleted)
            {
                await CollectIfOrphanedAsync(node, cancellationToken);
            }
        }
        catch (StatusException e) when (e.Code is 404 or 409)
        {
            // Something changed or went meanwhile (the object or one of its dependents). The event of that change
            // usually queues this object again, but not always (a dependent's change only queues owners being
            // deleted), so look again shortly; examining an object twice is harmless.
            _ = RetryLaterAsync(uid, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.PassFailed(_logger, e);
            _ = RetryLaterAsync(uid, cancellationToken);
        }
    }

    private async Task RetryLaterAsync(string uid, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(RetryDelay, _time, cancellationToken);
            _messages.Writer.TryWrite(new Retry(uid));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task OrphanAsync(OwnerGraph.Node owner, CancellationToken cancellationToken)
    {
        foreach (var dependent in Graph.DependentsOf(owner.Uid))
        {
            await RemoveOwnerReferenceAsync(dependent.Store, dependent.Namespace, dependent.Name, owner.Uid, cancellationToken);
        }

        foreach (var (store, dependent) in await DependentsInStorageAsync(owner.Uid, cancellationToken))
        {
            await RemoveOwnerReferenceAsync(store, ObjectJson.Namespace(dependent), ObjectJson.Name(dependent), owner.Uid, cancellationToken);
        }

        await RemoveFinalizerAsync(owner, DeletionPropagationFinalizers.Orphan, cancellationToken);
    }

    private async Task RemoveOwnerReferenceAsync(ResourceStore store, string ns, string name, string ownerUid, CancellationToken cancellationToken)
    {
        await store.UpdateAsync(Scope(ns), name, "", (current, _) =>
        {
            if (current["metadata"]?["ownerReferences"] is JsonArray refs)
            {
                var kept = refs.Where(r => Str(r?["uid"]) != ownerUid).Select(r => r?.DeepClone()).ToArray();
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
        Log.Orphaned(_logger, store.Kind.Kind, ns, name, ownerUid);
    }

    private async Task DeleteDependentsAsync(OwnerGraph.Node owner, CancellationToken cancellationToken)
    {
        var dependents = Graph.DependentsOf(owner.Uid)
            .Select(d => new Dependent(d.Store, d.Namespace, d.Name, d.Uid, d.BeingDeleted, d.Owners))
            .ToList();
        if (!await DeleteDependentsAsync(owner, dependents, cancellationToken))
        {
            return;
        }

        // No blocking dependent as far as the caches know: confirm with storage before letting the owner go.
        var stored = (await DependentsInStorageAsync(owner.Uid, cancellationToken))
            .Select(d => new Dependent(d.Store, ObjectJson.Namespace(d.Object), ObjectJson.Name(d.Object), ObjectJson.Uid(d.Object), ObjectJson.IsBeingDeleted(d.Object), OwnerGraph.OwnersOf(d.Object)))
            .ToList();
        if (await DeleteDependentsAsync(owner, stored, cancellationToken))
        {
            await RemoveFinalizerAsync(owner, DeletionPropagationFinalizers.Foreground, cancellationToken);
        }
    }

    /// <summary>Deletes (foreground) the dependents not yet being deleted, blocking ones first; returns whether none blocks the owner.</summary>
    private async Task<bool> DeleteDependentsAsync(OwnerGraph.Node owner, List<Dependent> dependents, CancellationToken cancellationToken)
    {
        var blocking = dependents.Where(d => d.Owners.Any(r => r.Uid == owner.Uid && r.BlockOwnerDeletion)).ToList();
        foreach (var dependent in blocking.Concat(dependents.Except(blocking)))
        {
            if (dependent.BeingDeleted)
            {
                continue;
            }

            var options = new DeleteOptions
            {
                PropagationPolicy = DeletionPropagation.Foreground,
                Preconditions = new Preconditions { Uid = dependent.Uid },
            };
            await dependent.Store.DeleteAsync(Scope(dependent.Namespace), dependent.Name, options, cancellationToken);
            Log.DeletedDependent(_logger, dependent.Store.Kind.Kind, dependent.Namespace, dependent.Name, owner.Uid);
        }

        return blocking.Count == 0;
    }

    private async Task CollectIfOrphanedAsync(OwnerGraph.Node node, CancellationToken cancellationToken)
    {
        var owners = node.Owners;
        if (owners.Count == 0 || owners.Any(o => _registry.ForOwner(o.Group, o.Kind) is null || Graph.Find(o.Uid) is not null))
        {
            return;
        }

        // The graph may be stale: an owner deleted with propagation Orphan removes its reference from this object just
        // before it goes, and the owner's DELETED event can arrive before this object's MODIFIED one. Decide on the
        // object as stored, not as cached, and delete only that revision.
        JsonObject stored;
        try
        {
            stored = await node.Store.GetAsync(Scope(node.Namespace), node.Name, null, cancellationToken);
        }
        catch (StatusException e) when (e.Code == 404)
        {
            return;
        }

        owners = OwnerGraph.OwnersOf(stored);
        if (ObjectJson.Uid(stored) != node.Uid || ObjectJson.IsBeingDeleted(stored) || owners.Count == 0)
        {
            return;
        }

        // The caches of different resources may lag each other: confirm every owner's absence with a consistent read.
        foreach (var owner in owners)
        {
            if (_registry.ForOwner(owner.Group, owner.Kind) is not { } ownerStore)
            {
                return;
            }

            try
            {
                var live = await ownerStore.GetAsync(Scope(node.Namespace), owner.Name, null, cancellationToken);
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
            Preconditions = new Preconditions { Uid = node.Uid, ResourceVersion = ObjectJson.GetString(stored, "resourceVersion") },
        };
        await node.Store.DeleteAsync(Scope(node.Namespace), node.Name, options, cancellationToken);
        Log.DeletedOrphan(_logger, node.Store.Kind.Kind, node.Namespace, node.Name);
    }

    private async Task RemoveFinalizerAsync(OwnerGraph.Node owner, string finalizer, CancellationToken cancellationToken)
    {
        var store = owner.Store;
        await store.UpdateAsync(Scope(owner.Namespace), owner.Name, "", (current, _) =>
        {
            if (ObjectJson.Uid(current) != owner.Uid)
            {
                throw StatusException.Conflict(store.Kind.Group, store.Kind.Plural, owner.Name, "the object was replaced");
            }

            ObjectJson.SetFinalizers(current, ObjectJson.Finalizers(current).Where(f => f != finalizer).ToList());
            return ValueTask.FromResult(current);
        }, cancellationToken);
        Log.RemovedFinalizer(_logger, finalizer, store.Kind.Kind, owner.Namespace, owner.Name);
    }

    /// <summary>
    /// The objects in storage (a consistent read) whose owner references name <paramref name="ownerUid"/>. Only the
    /// stored values that contain the uid's bytes are decoded.
    /// </summary>
    private async Task<List<(ResourceStore Store, JsonObject Object)>> DependentsInStorageAsync(string ownerUid, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _storageScans);
        var needle = Encoding.UTF8.GetBytes(ownerUid);
        var found = new List<(ResourceStore Store, JsonObject Object)>();
        foreach (var store in _registry.Primary)
        {
            StorageList list;
            try
            {
                list = await store.Storage.ListAsync(store.Keys.ResourcePrefix, new ListOptions(), cancellationToken);
            }
            catch (StorageException e)
            {
                throw store.ToStatus(e, "");
            }

            foreach (var item in list.Items)
            {
                if (item.Value.AsSpan().IndexOf(needle) < 0)
                {
                    continue;
                }

                var obj = store.DecodeItem(item);
                if (OwnerGraph.OwnersOf(obj).Any(o => o.Uid == ownerUid))
                {
                    found.Add((store, obj));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The reflector of one resource: list from the watch cache, watch from that list's revision, re-watch from the
    /// last event when a watch ends, relist on 410 and at every resync. Posts everything to the loop in order.
    /// </summary>
    private async Task ReflectAsync(ResourceStore store, CancellationToken cancellationToken)
    {
        var resync = _options.GarbageCollectorResync > MinimumResync ? _options.GarbageCollectorResync : MinimumResync;
        long? resumeAt = null;
        DateTimeOffset? lastList = null;
        DateTimeOffset nextResync = default;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resumeAt is null)
                {
                    if (lastList is { } last && last + MinimumResync - _time.GetUtcNow() is { Ticks: > 0 } wait)
                    {
                        await Task.Delay(wait, _time, cancellationToken);
                    }

                    if (store.Cache is { } cache)
                    {
                        await cache.WaitUntilReadyAsync(cancellationToken);
                    }

                    var list = await store.ListAsync(Scope(""), new ListQuery { ResourceVersion = "0" }, cancellationToken);
                    lastList = _time.GetUtcNow();
                    nextResync = lastList.Value + resync;
                    _messages.Writer.TryWrite(new Sync(store, list.Items));
                    resumeAt = list.ResourceVersion;
                }

                var untilResync = nextResync - _time.GetUtcNow();
                using var timer = new CancellationTokenSource(untilResync > TimeSpan.Zero ? untilResync : TimeSpan.FromTicks(1), _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
                // sendInitialEvents stays unset, as client-go's reflector leaves it. For N > 0 that is "the changes after N".
                // For "0" (the list of a resource never written, in a store still at revision 0) it replays the cached
                // state as ADDED and then the changes, atomically: "0" is not a position, and sendInitialEvents=false with
                // "0" starts after whatever is newest when the watch opens, losing what was written since the list (or
                // what a relisting cache picked up while it ended this watch).
                var query = new ListQuery { Watch = true, ResourceVersion = resumeAt.Value.ToString(CultureInfo.InvariantCulture) };
                await foreach (var objectEvent in store.WatchAsync(Scope(""), query, linked.Token))
                {
                    if (objectEvent.Type == WatchEventType.Bookmark)
                    {
                        continue;
                    }

                    resumeAt = objectEvent.Revision;
                    _messages.Writer.TryWrite(new Change(store, objectEvent.Type, objectEvent.Object, objectEvent.Revision));
                }

                if (timer.IsCancellationRequested)
                {
                    resumeAt = null;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (StatusException e) when (e.Code == 410)
            {
                resumeAt = null;
            }
            catch (Exception e) when (e is StatusException or InvalidOperationException or StorageException or OperationCanceledException)
            {
                Log.WatchFailed(_logger, e, store.Kind.Plural);
                resumeAt = null;
                try
                {
                    await Task.Delay(RetryDelay, _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static long Revision(JsonObject obj) =>
        long.TryParse(ObjectJson.GetString(obj, "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : 0;

    private static RequestScope Scope(string ns) => new() { User = User, Namespace = ns, FieldManager = FieldManager };

    private static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>What the reflectors tell the loop.</summary>
    private abstract record Message;

    /// <summary>A resource's full state from the watch cache: replaces what the graph holds of it.</summary>
    private sealed record Sync(ResourceStore Store, IReadOnlyList<JsonObject> Items) : Message;

    /// <summary>One watch event (the object is shared with the watch cache: read only).</summary>
    private sealed record Change(ResourceStore Store, string Type, JsonObject Object, long Revision) : Message;

    /// <summary>Examine an object again after a failure.</summary>
    private sealed record Retry(string Uid) : Message;

    /// <summary>A dependent to delete in the foreground (from the graph or from storage).</summary>
    private sealed record Dependent(ResourceStore Store, string Namespace, string Name, string Uid, bool BeingDeleted, IReadOnlyList<OwnerGraph.Owner> Owners);

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
