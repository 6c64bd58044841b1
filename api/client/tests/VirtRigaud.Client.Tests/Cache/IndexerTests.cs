using VirtRigaud.Api.Machinery;
using VirtRigaud.Client.Cache;
using static VirtRigaud.Client.Tests.Cache.TestObjects;

namespace VirtRigaud.Client.Tests.Cache;

public sealed class IndexerTests
{
    private const string ByApp = "by-app";

    private static Indexer<PartialObjectMetadata> NewIndexer() => new(indexers: new Dictionary<string, IndexFunc<PartialObjectMetadata>>
    {
        [CacheKeys.NamespaceIndex] = o => CacheKeys.MetaNamespaceIndex(o),
        [ByApp] = o => o.Metadata.Label("app") is { } app ? [app] : [],
    });

    [Fact]
    public void Add_StoresByNamespaceNameKey()
    {
        var indexer = NewIndexer();
        var vm = Meta("team-a", "vm-1");

        indexer.Add(vm);
        indexer.Add(Meta(null, "cluster-wide"));

        Assert.Same(vm, indexer.GetByKey("team-a/vm-1"));
        Assert.Same(vm, indexer.Get(Meta("team-a", "vm-1", "99")));
        Assert.NotNull(indexer.GetByKey("cluster-wide"));
        Assert.Equal(["cluster-wide", "team-a/vm-1"], indexer.ListKeys().Order(StringComparer.Ordinal));
        Assert.Equal(2, indexer.Count);
    }

    [Fact]
    public void Update_MovesTheObjectBetweenIndexValues()
    {
        var indexer = NewIndexer();
        indexer.Add(Meta("ns", "a", labels: Labels(("app", "web"))));
        indexer.Add(Meta("ns", "b", labels: Labels(("app", "web"))));

        indexer.Update(Meta("ns", "a", "2", Labels(("app", "db"))));

        Assert.Equal(["ns/b"], indexer.IndexKeys(ByApp, "web"));
        Assert.Equal(["ns/a"], indexer.IndexKeys(ByApp, "db"));
        Assert.Equal("2", indexer.ByIndex(ByApp, "db").Single().Metadata.ResourceVersion);
        Assert.Equal(["db", "web"], indexer.ListIndexFuncValues(ByApp).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Delete_RemovesTheObjectAndEmptyIndexValues()
    {
        var indexer = NewIndexer();
        indexer.Add(Meta("ns", "a", labels: Labels(("app", "web"))));

        indexer.Delete(Meta("ns", "a"));

        Assert.Null(indexer.GetByKey("ns/a"));
        Assert.Empty(indexer.ByIndex(ByApp, "web"));
        Assert.Empty(indexer.ListIndexFuncValues(ByApp));
        Assert.Empty(indexer.ListIndexFuncValues(CacheKeys.NamespaceIndex));
        Assert.Null(indexer.DeleteByKey("ns/a"));
    }

    [Fact]
    public void Replace_ReplacesEverythingAndRebuildsIndexes()
    {
        var indexer = NewIndexer();
        indexer.Add(Meta("ns", "old", labels: Labels(("app", "web"))));

        indexer.Replace([Meta("ns", "new", labels: Labels(("app", "web"))), Meta("other", "x")]);

        Assert.Equal(["ns/new", "other/x"], indexer.ListKeys().Order(StringComparer.Ordinal));
        Assert.Equal(["ns/new"], indexer.IndexKeys(ByApp, "web"));
        Assert.Equal(["other/x"], indexer.IndexKeys(CacheKeys.NamespaceIndex, "other"));
    }

    [Fact]
    public void Index_ObjectsSharingAnyValue()
    {
        var indexer = new Indexer<PartialObjectMetadata>(indexers: new Dictionary<string, IndexFunc<PartialObjectMetadata>>
        {
            ["tags"] = o => (o.Metadata.Annotation("tags") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        });
        PartialObjectMetadata Tagged(string name, string tags) => new() { Metadata = new ObjectMeta { Namespace = "ns", Name = name, Annotations = new Dictionary<string, string> { ["tags"] = tags } } };
        indexer.Add(Tagged("a", "x,y"));
        indexer.Add(Tagged("b", "y"));
        indexer.Add(Tagged("c", "z"));

        var shared = indexer.Index("tags", Tagged("probe", "x,y"));

        Assert.Equal(["a", "b"], shared.Select(o => o.Metadata.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AddIndexers_BuildsFromExistingObjects_AndRejectsDuplicates()
    {
        var indexer = new Indexer<PartialObjectMetadata>();
        indexer.Add(Meta("ns", "a", labels: Labels(("tier", "db"))));

        indexer.AddIndexers(new Dictionary<string, IndexFunc<PartialObjectMetadata>> { ["tier"] = o => [o.Metadata.Label("tier") ?? ""] });

        Assert.Equal(["ns/a"], indexer.IndexKeys("tier", "db"));
        Assert.Throws<ArgumentException>(() => indexer.AddIndexers(new Dictionary<string, IndexFunc<PartialObjectMetadata>> { ["tier"] = _ => [] }));
    }

    [Fact]
    public void ByIndex_UnknownIndex_Throws()
    {
        Assert.Throws<KeyNotFoundException>(() => new Indexer<PartialObjectMetadata>().ByIndex("nope", "x"));
    }

    [Fact]
    public void List_IsASnapshot()
    {
        var indexer = NewIndexer();
        indexer.Add(Meta("ns", "a"));
        var before = indexer.List();

        indexer.Add(Meta("ns", "b"));

        Assert.Single(before);
        Assert.Equal(2, indexer.List().Count);
    }

    [Fact]
    public async Task Writes_ConcurrentWithReads_IndexesStayConsistent()
    {
        var indexer = NewIndexer();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                var name = "vm-" + (i % 50);
                if (i % 7 == 0)
                {
                    indexer.Delete(Meta("ns", name));
                }
                else
                {
                    indexer.Update(Meta("ns", name, i.ToString(System.Globalization.CultureInfo.InvariantCulture), Labels(("app", "app-" + ((i + w) % 3)))));
                }
            }
        }));
        var reader = Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                foreach (var value in indexer.ListIndexFuncValues(ByApp))
                {
                    Assert.All(indexer.ByIndex(ByApp, value), o => Assert.Equal(value, o.Metadata.Label("app")));
                }
            }
        });

        await Task.WhenAll([.. writers, reader]);

        var all = indexer.List();
        Assert.Equal(all.Count, indexer.ListIndexFuncValues(ByApp).Sum(v => indexer.ByIndex(ByApp, v).Count));
    }
}
