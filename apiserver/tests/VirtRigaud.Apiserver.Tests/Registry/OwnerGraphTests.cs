using System.Text.Json.Nodes;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Registry;
using VirtRigaud.Storage;

namespace VirtRigaud.Apiserver.Tests.Registry;

public sealed class OwnerGraphTests
{
    private static readonly ResourceStore VmStore = new(Kinds.ByPlural("virtualmachines")!, new UnusedStorage(), [], TimeProvider.System);

    [Fact]
    public void Upsert_OwnerReferences_IndexesDependentsByOwnerUid()
    {
        var graph = new OwnerGraph();

        graph.Upsert(Node("a", 1, owners: ["o1", "o2"]), out _);
        graph.Upsert(Node("b", 2, owners: ["o1"]), out _);

        Assert.Equal(["a", "b"], graph.DependentsOf("o1").Select(n => n.Uid).Order());
        Assert.Equal(["a"], graph.DependentsOf("o2").Select(n => n.Uid));
        Assert.Empty(graph.DependentsOf("a"));
    }

    [Fact]
    public void Upsert_ChangedOwners_MovesTheDependent()
    {
        var graph = new OwnerGraph();
        graph.Upsert(Node("a", 1, owners: ["o1"]), out _);

        var previous = graph.Upsert(Node("a", 2, owners: ["o2"]), out var applied);

        Assert.True(applied);
        Assert.Equal(1, previous?.Revision);
        Assert.Empty(graph.DependentsOf("o1"));
        Assert.Equal(["a"], graph.DependentsOf("o2").Select(n => n.Uid));
    }

    [Fact]
    public void Upsert_OlderState_IsIgnored()
    {
        var graph = new OwnerGraph();
        graph.Upsert(Node("a", 5, owners: ["o1"]), out _);

        graph.Upsert(Node("a", 4, owners: []), out var applied);

        Assert.False(applied);
        Assert.Equal(5, graph.Find("a")?.Revision);
        Assert.Single(graph.DependentsOf("o1"));
    }

    [Fact]
    public void Remove_Dependent_LeavesNoIndexEntry()
    {
        var graph = new OwnerGraph();
        graph.Upsert(Node("a", 1, owners: ["o1"]), out _);

        var removed = graph.Remove("a");

        Assert.Equal("a", removed?.Uid);
        Assert.Null(graph.Remove("a"));
        Assert.Empty(graph.DependentsOf("o1"));
        Assert.Equal(0, graph.Count);
    }

    [Fact]
    public void NodeOf_ReadsOwnersFinalizersAndDeletion()
    {
        var obj = JsonNode.Parse("""
            {"metadata":{"name":"n","namespace":"ns","uid":"u","deletionTimestamp":"2026-01-01T00:00:00Z",
             "finalizers":["orphan","x/y"],
             "ownerReferences":[{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMSet","name":"s","uid":"o","blockOwnerDeletion":true},
                                {"apiVersion":"v1","kind":"ConfigMap","name":"c","uid":"p"}]}}
            """)!.AsObject();

        var node = OwnerGraph.NodeOf(VmStore, obj, 7)!;

        Assert.Equal(("ns", "n", "u", 7L), (node.Namespace, node.Name, node.Uid, node.Revision));
        Assert.True(node.BeingDeleted);
        Assert.True(node.Orphan);
        Assert.False(node.Foreground);
        Assert.Equal(
            [new OwnerGraph.Owner("infra.virtrigaud.io", "VMSet", "s", "o", true), new OwnerGraph.Owner("", "ConfigMap", "c", "p", false)],
            node.Owners);
        Assert.Null(OwnerGraph.NodeOf(VmStore, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x" } }, 1));
    }

    private static OwnerGraph.Node Node(string uid, long revision, string[] owners) =>
        new(VmStore, "ns", uid, uid, revision, owners.Select(o => new OwnerGraph.Owner("infra.virtrigaud.io", "VMSet", o, o, false)).ToList(), false, false, false);

    /// <summary>Storage the graph never touches.</summary>
    private sealed class UnusedStorage : IStorage
    {
        public Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StorageItem?> GetAsync(string key, GetOptions options = default, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StorageList> ListAsync(string prefix, ListOptions options, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StorageItem> CreateAsync(string key, byte[] value, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StorageItem> GuaranteedUpdateAsync(string key, Preconditions? preconditions, bool ignoreNotFound, UpdateFunction tryUpdate, StorageItem? cachedExisting = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<StorageItem> DeleteAsync(string key, Preconditions? preconditions = null, ValidateDeletion? validateDeletion = null, StorageItem? cachedExisting = null, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public IAsyncEnumerable<StorageEvent> WatchAsync(string key, WatchOptions options, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task CompactAsync(long revision, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> GetCompactedRevisionAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> CountAsync(string prefix, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
