using System.Text.Json.Nodes;

namespace VirtRigaud.Api.V1Beta1.Tests.Registry;

public sealed class KindsTests
{
    [Fact]
    public void All_TenKinds_WithUniqueNames()
    {
        Assert.Equal(10, Kinds.All.Count);
        Assert.Equal(10, Kinds.All.Select(k => k.Plural).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(10, Kinds.All.SelectMany(k => k.ShortNames).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Kinds.All, k => Assert.Equal(GroupInfo.ApiVersion, k.GroupVersionKind.GroupVersion.ToString()));
    }

    [Theory]
    [InlineData("vm", "VirtualMachine")]
    [InlineData("VM", "VirtualMachine")]
    [InlineData("virtualmachines", "VirtualMachine")]
    [InlineData("virtualmachine", "VirtualMachine")]
    [InlineData("vmclass", "VMClass")]
    [InlineData("vmimg", "VMImage")]
    [InlineData("vmnet", "VMNetworkAttachment")]
    [InlineData("prov", "Provider")]
    [InlineData("vmmig", "VMMigration")]
    [InlineData("vmsnap", "VMSnapshot")]
    [InlineData("vmclone", "VMClone")]
    [InlineData("vmset", "VMSet")]
    [InlineData("vmpp", "VMPlacementPolicy")]
    [InlineData("VMPlacementPolicy", "VMPlacementPolicy")]
    public void Resolve_KubectlNames_FindKind(string name, string kind)
    {
        Assert.Equal(kind, Kinds.Resolve(name)?.Kind);
    }

    [Theory]
    [InlineData("vmc")]
    [InlineData("vmi")]
    [InlineData("vmna")]
    [InlineData("pods")]
    public void Resolve_ReadmeShortNamesThatNeverExisted_AreUnknown(string name)
    {
        Assert.Null(Kinds.Resolve(name));
    }

    [Fact]
    public void Cells_VirtualMachine_RenderPrinterColumns()
    {
        var vm = JsonNode.Parse("""
            {"metadata":{"name":"web","creationTimestamp":"2025-03-01T10:00:00Z"},
             "spec":{"providerRef":{"name":"lab"},"classRef":{"name":"small"},"imageRef":{"name":"ubuntu"}},
             "status":{"phase":"Running","ips":["10.0.0.5","fd00::5"]}}
            """)!;
        var cells = Kinds.VirtualMachine.Cells(vm).Select(c => c?.ToJsonString()).ToList();
        Assert.Equal(["\"Running\"", "\"lab\"", "\"small\"", "\"ubuntu\"", "\"10.0.0.5,fd00::5\"", "\"2025-03-01T10:00:00Z\""], cells);
    }

    [Fact]
    public void Cells_VMPlacementPolicy_UsedByVMsIsACount()
    {
        var policy = JsonNode.Parse("""{"spec":{"priority":5},"status":{"usedByVMs":[{"name":"a"},{"name":"b"}]}}""")!;
        var cells = Kinds.VMPlacementPolicy.Cells(policy);
        Assert.Equal(2, (int)cells[0]!);
        Assert.Equal(5, (int)cells[1]!);
        Assert.Null(cells[2]);
    }

    [Fact]
    public void Validate_WrongType_Throws()
    {
        var vmclass = new VMClass { Spec = new VMClassSpec { Cpu = 1, Memory = Machinery.Resource.Quantity.Parse("1Gi") } };
        Assert.Throws<ArgumentException>(() => Kinds.VirtualMachine.Validate(vmclass, []));
    }

    [Fact]
    public void Schema_EveryKind_IsGeneratedAndRootHasTypeMeta()
    {
        foreach (var kind in Kinds.All)
        {
            Assert.Equal(["apiVersion", "kind", "metadata", "spec", "status"], kind.Schema.Properties!.Keys);
        }
    }

    [Theory]
    [InlineData("VMPlacementPolicy", """{"spec":{}}""")]
    [InlineData("VMClass", """{"spec":{"cpu":1,"memory":"1Gi"}}""")]
    [InlineData("VMSnapshot", """{"spec":{"vmRef":{"name":"web"}}}""")]
    public void Deserialize_WithoutMetadata_HasNonNullMetadata(string kindName, string json)
    {
        // The source generator assigns absent init properties as null; the kinds keep metadata non-null.
        var obj = (Machinery.IKubernetesObject)System.Text.Json.JsonSerializer.Deserialize(json, Kinds.ByKind(kindName)!.TypeInfo)!;
        Assert.NotNull(obj.Metadata);
        Assert.Null(obj.Metadata.Name);
    }
}
