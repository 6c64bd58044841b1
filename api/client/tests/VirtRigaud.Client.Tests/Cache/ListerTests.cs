using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Labels;
using VirtRigaud.Client.Cache;
using static VirtRigaud.Client.Tests.Cache.TestObjects;

namespace VirtRigaud.Client.Tests.Cache;

public sealed class ListerTests
{
    private static Lister<PartialObjectMetadata> NewLister(bool namespaceIndex)
    {
        var indexer = namespaceIndex
            ? new Indexer<PartialObjectMetadata>(indexers: new Dictionary<string, IndexFunc<PartialObjectMetadata>> { [CacheKeys.NamespaceIndex] = o => CacheKeys.MetaNamespaceIndex(o) })
            : new Indexer<PartialObjectMetadata>();
        indexer.Add(Meta("a", "web-1", labels: Labels(("app", "web"), ("tier", "front"))));
        indexer.Add(Meta("a", "db-1", labels: Labels(("app", "db"))));
        indexer.Add(Meta("b", "web-2", labels: Labels(("app", "web"))));
        indexer.Add(Meta(null, "global"));
        return new Lister<PartialObjectMetadata>(indexer);
    }

    [Theory]
    [InlineData("", new[] { "db-1", "global", "web-1", "web-2" })]
    [InlineData("app=web", new[] { "web-1", "web-2" })]
    [InlineData("app in (web,db),tier!=front", new[] { "db-1", "web-2" })]
    [InlineData("!app", new[] { "global" })]
    public void List_BySelector(string selector, string[] expected)
    {
        var lister = NewLister(namespaceIndex: true);

        var names = lister.List(Selector.Parse(selector)).Select(o => o.Metadata.Name!).Order(StringComparer.Ordinal);

        Assert.Equal(expected, names);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Namespace_ListsOnlyThatNamespace_WithOrWithoutTheIndex(bool namespaceIndex)
    {
        var lister = NewLister(namespaceIndex);

        Assert.Equal(["db-1", "web-1"], lister.Namespace("a").List().Select(o => o.Metadata.Name!).Order(StringComparer.Ordinal));
        Assert.Equal(["web-1"], lister.Namespace("a").List(Selector.Parse("app=web")).Select(o => o.Metadata.Name!));
        Assert.Empty(lister.Namespace("c").List());
    }

    [Fact]
    public void Get_ByNamespaceAndName()
    {
        var lister = NewLister(namespaceIndex: true);

        Assert.Equal("web-2", lister.Get("b", "web-2")?.Metadata.Name);
        Assert.Equal("web-2", lister.Namespace("b").Get("web-2")?.Metadata.Name);
        Assert.Equal("global", lister.Get(null, "global")?.Metadata.Name);
        Assert.Null(lister.Get("a", "web-2"));
        Assert.Null(lister.Namespace("a").Get("missing"));
    }

    [Fact]
    public void ByIndex_UsesTheIndexer()
    {
        var lister = NewLister(namespaceIndex: true);

        Assert.Single(lister.ByIndex(CacheKeys.NamespaceIndex, "b"));
    }
}
