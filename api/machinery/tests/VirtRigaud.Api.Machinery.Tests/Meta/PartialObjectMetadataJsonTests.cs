using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>meta.k8s.io/v1 PartialObjectMetadata(List) as the metadata client expects it (KUBERNETES-API.md §6.3).</summary>
public sealed class PartialObjectMetadataJsonTests
{
    [Fact]
    public void Write_New_HasMetaK8sIoKindAndApiVersion()
    {
        var item = new PartialObjectMetadata
        {
            Metadata = new ObjectMeta { Name = "web", Namespace = "default", Uid = "u1", ResourceVersion = "1045", CreationTimestamp = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero) },
        };

        WireJson.AssertWrites("""
            {"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
             "metadata":{"name":"web","namespace":"default","uid":"u1","resourceVersion":"1045","creationTimestamp":"2025-03-01T10:00:00Z"}}
            """, item, MachineryJsonContext.Default.PartialObjectMetadata);
    }

    [Fact]
    public void RoundTrip_List_KeepsItemsAndEmptyCollections()
    {
        var list = WireJson.RoundTrip("""
            {"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/v1",
             "metadata":{"resourceVersion":"1050"},
             "items":[{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
                       "metadata":{"name":"web","namespace":"default","uid":"u1","resourceVersion":"1045",
                                   "creationTimestamp":"2025-03-01T10:00:00Z","labels":{},"ownerReferences":[],"finalizers":[]}}]}
            """, MachineryJsonContext.Default.PartialObjectMetadataList);

        var item = Assert.Single(list.Items);
        Assert.Equal(("PartialObjectMetadataList", "meta.k8s.io/v1", "1050"), (list.Kind, list.ApiVersion, list.Metadata.ResourceVersion));
        Assert.Equal(("PartialObjectMetadata", "meta.k8s.io/v1", "web"), (item.Kind, item.ApiVersion, item.Metadata.Name));
        Assert.Empty(item.Metadata.Finalizers!);
    }

    [Fact]
    public void Write_EmptyList_HasEmptyItems()
    {
        WireJson.AssertWrites(
            """{"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"3"},"items":[]}""",
            new PartialObjectMetadataList { Metadata = new ListMeta { ResourceVersion = "3" } },
            MachineryJsonContext.Default.PartialObjectMetadataList);
    }

    [Fact]
    public void PartialObjectMetadata_IsAKubernetesObject()
    {
        IKubernetesObject obj = new PartialObjectMetadata { Metadata = new ObjectMeta { Name = "web" } };

        Assert.Equal(("meta.k8s.io/v1", "PartialObjectMetadata", "web"), (obj.ApiVersion, obj.Kind, obj.Metadata.Name));
    }

    [Fact]
    public void Read_EmptyListAndItem_HaveEmptyMetadataAndItems()
    {
        var list = WireJson.Read("""{"items":[{}]}""", MachineryJsonContext.Default.PartialObjectMetadataList);

        Assert.Equal(("PartialObjectMetadataList", "meta.k8s.io/v1", new ListMeta()), (list.Kind, list.ApiVersion, list.Metadata));
        Assert.Equal(new ObjectMeta(), Assert.Single(list.Items).Metadata);
        Assert.Empty(WireJson.Read("""{"items":null}""", MachineryJsonContext.Default.PartialObjectMetadataList).Items);
    }
}
