using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Tests.Schema;

public sealed class StructuralDefaulterTests
{
    private static readonly OpenApiSchema RootSchema = new SchemaGenerator(SampleJsonContext.Default.Options).GenerateRoot(typeof(Widget));

    private static (JsonNode Node, List<string> Unknown) Apply(string json)
    {
        var node = JsonNode.Parse(json)!;
        var unknown = new List<string>();
        StructuralDefaulter.Apply(node, RootSchema, unknown);
        return (node, unknown);
    }

    [Fact]
    public void Apply_AbsentDefaultedFields_AreSet()
    {
        var (node, _) = Apply("""{"spec":{"size":1}}""");
        Assert.Equal("red", (string?)node["spec"]!["color"]);
        Assert.True((bool)node["spec"]!["verify"]!);
        Assert.Equal("25%", (string?)node["spec"]!["surge"]);
        Assert.Equal("30m", (string?)node["spec"]!["timeout"]);
    }

    [Fact]
    public void Apply_ExplicitFalse_Survives()
    {
        var (node, _) = Apply("""{"spec":{"size":1,"verify":false}}""");
        Assert.False((bool)node["spec"]!["verify"]!);
    }

    [Fact]
    public void Apply_AbsentParent_IsNotCreatedForChildDefaults()
    {
        var (node, _) = Apply("""{"spec":{"size":1}}""");
        Assert.Null(node["spec"]!["options"]);
    }

    [Fact]
    public void Apply_PresentParent_GetsChildDefaults()
    {
        var (node, _) = Apply("""{"spec":{"size":1,"options":{}}}""");
        Assert.Equal(3, (int)node["spec"]!["options"]!["retries"]!);
        Assert.Equal("fast", (string?)node["spec"]!["options"]!["mode"]);
    }

    [Fact]
    public void Apply_ListItems_AreDefaulted()
    {
        var (node, _) = Apply("""{"spec":{"size":1,"parts":[{"name":"a"},{"name":"b","weight":5}]}}""");
        Assert.Equal(1, (int)node["spec"]!["parts"]![0]!["weight"]!);
        Assert.Equal(5, (int)node["spec"]!["parts"]![1]!["weight"]!);
    }

    [Fact]
    public void Apply_NullForNonNullableField_IsDroppedThenDefaulted()
    {
        var (node, _) = Apply("""{"spec":{"size":1,"color":null,"name":null}}""");
        Assert.Equal("red", (string?)node["spec"]!["color"]);
        Assert.False(node["spec"]!.AsObject().ContainsKey("name"));
    }

    [Fact]
    public void Apply_UnknownFields_ArePrunedAndReported()
    {
        var (node, unknown) = Apply("""{"spec":{"size":1,"bogus":1,"options":{"nope":true},"parts":[{"name":"a","x":1}]},"extraTop":1}""");
        Assert.Equal(["spec.bogus", "spec.options.nope", "spec.parts[0].x", "extraTop"], unknown);
        Assert.False(node["spec"]!.AsObject().ContainsKey("bogus"));
        Assert.False(node.AsObject().ContainsKey("extraTop"));
    }

    [Fact]
    public void Apply_PreserveUnknownFields_KeepsEverything()
    {
        var (node, unknown) = Apply("""{"spec":{"size":1,"raw":{"anything":{"goes":[1,2]}}}}""");
        Assert.Empty(unknown);
        Assert.Equal(2, (int)node["spec"]!["raw"]!["anything"]!["goes"]![1]!);
    }

    [Fact]
    public void Apply_RootMetadata_IsLeftAlone()
    {
        var (node, unknown) = Apply("""{"metadata":{"name":"w","custom":"kept"},"spec":{"size":1}}""");
        Assert.Empty(unknown);
        Assert.Equal("kept", (string?)node["metadata"]!["custom"]);
    }

    [Fact]
    public void Apply_EmbeddedMetadata_IsPruned()
    {
        var (_, unknown) = Apply("""{"spec":{"size":1,"template":{"labels":{"a":"b"},"uid":"x"}}}""");
        Assert.Equal(["spec.template.uid"], unknown);
    }

    [Fact]
    public void Apply_IntegralFloatInIntegerField_BecomesInteger()
    {
        var (node, _) = Apply("""{"spec":{"size":2.0,"count":1e3}}""");
        Assert.Equal("2", node["spec"]!["size"]!.ToJsonString());
        Assert.Equal("1000", node["spec"]!["count"]!.ToJsonString());
    }
}
