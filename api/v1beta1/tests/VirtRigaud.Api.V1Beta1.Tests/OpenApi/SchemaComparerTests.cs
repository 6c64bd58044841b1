using System.Text.Json.Nodes;

namespace VirtRigaud.Api.V1Beta1.Tests.OpenApi;

/// <summary>The comparer itself must notice every kind of difference, or the upstream comparison proves nothing.</summary>
public sealed class SchemaComparerTests
{
    [Fact]
    public void Compare_IdenticalSchemas_NoDifferences()
    {
        var comparer = new SchemaComparer("VMClass");
        comparer.Compare("", Kinds.VMClass.Schema, Kinds.VMClass.Schema.Clone());
        Assert.Empty(comparer.Differences);
        Assert.True(comparer.PropertiesCompared > 50);
    }

    [Fact]
    public void Compare_MutatedSchema_ReportsEachKeyword()
    {
        var ours = Kinds.VMClass.Schema.Clone();
        var spec = ours.Properties!["spec"];
        spec.Properties!["cpu"].Maximum = 64;
        spec.Properties["cpu"].Format = "int64";
        spec.Properties["guestToolsPolicy"].Enum!.RemoveAt(0);
        spec.Properties["guestToolsPolicy"].Default = JsonValue.Create("skip");
        spec.Properties["extraConfig"].MaxProperties = null;
        spec.Properties["extraConfig"].MapType = "atomic";
        spec.Required!.Remove("memory");
        spec.Properties.Remove("firmware");
        spec.Properties["nickname"] = new Machinery.Schema.OpenApiSchema { Type = "string" };

        var comparer = new SchemaComparer("VMClass");
        comparer.Compare("", Kinds.VMClass.Schema, ours);

        Assert.Equal(
            [
                ".spec required[memory]",
                ".spec.cpu format",
                ".spec.cpu maximum",
                ".spec.extraConfig maxProperties",
                ".spec.extraConfig x-kubernetes-map-type",
                ".spec.firmware property",
                ".spec.guestToolsPolicy default",
                ".spec.guestToolsPolicy enum",
                ".spec.nickname property",
            ],
            comparer.Differences.Select(d => $"{d.Path} {d.Keyword}").Order(StringComparer.Ordinal));
    }
}
