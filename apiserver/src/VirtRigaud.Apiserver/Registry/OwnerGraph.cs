using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// The garbage collector's in-memory picture of every object (kube-controller-manager's GraphBuilder "uidToNode"):
/// one <see cref="Node"/> per uid with what the collector decides on (owners, deletion state, propagation
/// finalizers), and an index from an owner's uid to the uids of the objects that reference it, so an owner's
/// dependents are found without scanning. Built from the watch cache's lists and events; holds no JSON trees.
/// </summary>
/// <remarks>Thread-safe: the collector's loop writes it, tests read it.</remarks>
internal sealed class OwnerGraph
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _dependents = new(StringComparer.Ordinal);

    /// <summary>How many objects the graph holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>
    /// Extracts the node of <paramref name="obj"/> (of <paramref name="store"/>'s kind), or null when it has no uid.
    /// Only reads <paramref name="obj"/>, so it may be a shared cached object.
    /// </summary>
    public static Node? NodeOf(ResourceStore store, JsonObject obj, long revision)
    {
        var uid = ObjectJson.Uid(obj);
        if (uid.Length == 0)
        {
            return null;
        }

        var orphan = false;
        var foreground = false;
        if (obj["metadata"]?["finalizers"] is JsonArray finalizers)
        {
            foreach (var finalizer in finalizers)
            {
                switch (Str(finalizer))
                {
                    case DeletionPropagationFinalizers.Orphan:
                        orphan = true;
                        break;
                    case DeletionPropagationFinalizers.Foreground:
                        foreground = true;
                        break;
                }
            }
        }

        return new Node(store, ObjectJson.Namespace(obj), ObjectJson.Name(obj), uid, revision, OwnersOf(obj), ObjectJson.IsBeingDeleted(obj), orphan, foreground);
    }

    /// <summary>The owner references of <paramref name="obj"/>, in order; does not mutate it.</summary>
    public static IReadOnlyList<Owner> OwnersOf(JsonObject obj)
    {
        if (obj["metadata"]?["ownerReferences"] is not JsonArray refs || refs.Count == 0)
        {
            return [];
        }

        var owners = new List<Owner>(refs.Count);
        foreach (var r in refs.OfType<JsonObject>())
        {
            var apiVersion = Str(r["apiVersion"]) ?? "";
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            owners.Add(new Owner(
                slash < 0 ? "" : apiVersion[..slash],
                Str(r["kind"]) ?? "",
                Str(r["name"]) ?? "",
                Str(r["uid"]) ?? "",
                r["blockOwnerDeletion"] is JsonValue b && b.GetValueKind() == JsonValueKind.True));
        }

        return owners;
    }

    /// <summary>The node of <paramref name="uid"/>, or null.</summary>
    public Node? Find(string uid)
    {
        lock (_gate)
        {
            return _nodes.GetValueOrDefault(uid);
        }
    }

    /// <summary>
    /// Records <paramref name="node"/>'s state unless the graph already has a newer one of it; returns the state it
    /// replaced (null when new), in <paramref name="applied"/> whether it was recorded.
    /// </summary>
    public Node? Upsert(Node node, out bool applied)
    {
        lock (_gate)
        {
            var previous = _nodes.GetValueOrDefault(node.Uid);
            if (previous is not null && previous.Revision > node.Revision)
            {
                applied = false;
                return previous;
            }

            if (previous is not null)
            {
                Unindex(previous);
            }

            _nodes[node.Uid] = node;
            foreach (var owner in node.Owners)
            {
                if (!_dependents.TryGetValue(owner.Uid, out var set))
                {
                    _dependents[owner.Uid] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(node.Uid);
            }

            applied = true;
            return previous;
        }
    }

    /// <summary>Forgets the object <paramref name="uid"/>; returns its last state, or null when it was unknown.</summary>
    public Node? Remove(string uid)
    {
        lock (_gate)
        {
            if (!_nodes.Remove(uid, out var previous))
            {
                return null;
            }

            Unindex(previous);
            return previous;
        }
    }

    /// <summary>The objects whose owner references name <paramref name="ownerUid"/> (a snapshot, in no particular order).</summary>
    public IReadOnlyList<Node> DependentsOf(string ownerUid)
    {
        lock (_gate)
        {
            return _dependents.TryGetValue(ownerUid, out var set)
                ? set.Select(uid => _nodes[uid]).ToList()
                : [];
        }
    }

    /// <summary>The objects of <paramref name="store"/>'s resource (a snapshot).</summary>
    public IReadOnlyList<Node> NodesOf(ResourceStore store)
    {
        lock (_gate)
        {
            return _nodes.Values.Where(n => ReferenceEquals(n.Store, store)).ToList();
        }
    }

    private void Unindex(Node node)
    {
        foreach (var owner in node.Owners)
        {
            if (_dependents.TryGetValue(owner.Uid, out var set) && set.Remove(node.Uid) && set.Count == 0)
            {
                _dependents.Remove(owner.Uid);
            }
        }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>One object as the collector sees it.</summary>
    /// <param name="Store">The store of its resource.</param>
    /// <param name="Namespace">Its namespace ("" for cluster-scoped kinds).</param>
    /// <param name="Name">Its name.</param>
    /// <param name="Uid">Its uid.</param>
    /// <param name="Revision">The resourceVersion of this state.</param>
    /// <param name="Owners">Its owner references.</param>
    /// <param name="BeingDeleted">Whether it has a deletionTimestamp.</param>
    /// <param name="Orphan">Whether it has the <c>orphan</c> finalizer.</param>
    /// <param name="Foreground">Whether it has the <c>foregroundDeletion</c> finalizer.</param>
    public sealed record Node(
        ResourceStore Store,
        string Namespace,
        string Name,
        string Uid,
        long Revision,
        IReadOnlyList<Owner> Owners,
        bool BeingDeleted,
        bool Orphan,
        bool Foreground);

    /// <summary>One owner reference: the owner's API group (from apiVersion), kind, name, uid and blockOwnerDeletion.</summary>
    public sealed record Owner(string Group, string Kind, string Name, string Uid, bool BlockOwnerDeletion);
}
