namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary><see cref="ObjectList{T}"/> as a kind's list (KUBERNETES-API.md §3.2).</summary>
public sealed class ObjectListJsonTests
{
    [Fact]
    public void RoundTrip_List_KeepsTypeMetaListMetaAndItems()
    {
        var list = WireJson.RoundTrip("""
            {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachineList",
             "metadata":{"resourceVersion":"1050","continue":"eyJ2IjoxfQ","remainingItemCount":12},
             "items":[{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web"}}]}
            """, ObjectListJsonContext.Default.ObjectListPartialObjectMetadata);

        Assert.Equal(("VirtualMachineList", "1050", 12L), (list.Kind, list.Metadata.ResourceVersion, list.Metadata.RemainingItemCount!.Value));
        Assert.Equal("web", Assert.Single(list.Items).Metadata.Name);
    }

    [Fact]
    public void Write_EmptyList_KeepsEmptyItems()
    {
        WireJson.AssertWrites(
            """{"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VMClassList","metadata":{"resourceVersion":"3"},"items":[]}""",
            new ObjectList<PartialObjectMetadata> { ApiVersion = "infra.virtrigaud.io/v1beta1", Kind = "VMClassList", Metadata = new ListMeta { ResourceVersion = "3" } },
            ObjectListJsonContext.Default.ObjectListPartialObjectMetadata);
    }

    [Theory]
    [InlineData("""{"kind":"VMClassList"}""")]
    [InlineData("""{"kind":"VMClassList","metadata":null,"items":null}""")]
    public void Read_MissingMetadataAndItems_AreEmptyNotNull(string json)
    {
        var list = WireJson.Read(json, ObjectListJsonContext.Default.ObjectListPartialObjectMetadata);

        Assert.Equal(new ListMeta(), list.Metadata);
        Assert.Empty(list.Items);
    }
}
