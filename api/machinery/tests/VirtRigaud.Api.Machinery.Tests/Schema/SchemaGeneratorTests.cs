using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Tests.Schema;

public sealed class SchemaGeneratorTests
{
    private static readonly OpenApiSchema RootSchema = new SchemaGenerator(SampleJsonContext.Default.Options).GenerateRoot(typeof(Widget));

    private static JsonObject Spec(string property) =>
        OpenApiSchemaJson.ToJson(RootSchema.Properties!["spec"].Properties![property]);

    [Fact]
    public void GenerateRoot_Kind_HasTypeMetaBareMetadataAndRequiredSpec()
    {
        Assert.Equal("object", RootSchema.Type);
        Assert.Equal(["apiVersion", "kind", "metadata", "spec"], RootSchema.Properties!.Keys);
        Assert.Equal("string", RootSchema.Properties["apiVersion"].Type);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"object"}"""), OpenApiSchemaJson.ToJson(RootSchema.Properties["metadata"])));
        Assert.Equal(["spec"], RootSchema.Required!);
        Assert.Equal(["size"], RootSchema.Properties["spec"].Required!);
    }

    [Theory]
    [InlineData("size", """{"type":"integer","format":"int32","minimum":1,"maximum":10}""")]
    [InlineData("color", """{"type":"string","enum":["red","dark-blue"],"default":"red"}""")]
    [InlineData("shade", """{"type":"string","enum":["light","dark"]}""")]
    [InlineData("name", """{"type":"string","maxLength":5,"pattern":"^[a-z]+$"}""")]
    [InlineData("verify", """{"type":"boolean","default":true}""")]
    [InlineData("surge", """{"anyOf":[{"type":"integer"},{"type":"string"}],"default":"25%","x-kubernetes-int-or-string":true}""")]
    [InlineData("timeout", """{"type":"string","default":"30m"}""")]
    [InlineData("since", """{"type":"string","format":"date-time"}""")]
    [InlineData("count", """{"type":"integer","format":"int64"}""")]
    [InlineData("tags", """{"type":"array","maxItems":2,"items":{"type":"string"},"x-kubernetes-list-type":"set"}""")]
    [InlineData("extra", """{"type":"object","maxProperties":1,"additionalProperties":{"type":"string"}}""")]
    [InlineData("raw", """{"x-kubernetes-preserve-unknown-fields":true}""")]
    public void Generate_Property_MatchesOpenApi(string property, string expected)
    {
        var actual = Spec(property);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual.ToJsonString());
    }

    [Fact]
    public void Generate_Quantity_IsIntOrStringWithQuantityPattern()
    {
        var schema = RootSchema.Properties!["spec"].Properties!["memory"];
        Assert.True(schema.IntOrString);
        Assert.Equal(VirtRigaud.Api.Machinery.Resource.Quantity.Pattern, schema.Pattern);
        Assert.Equal(SchemaValueKind.Quantity, schema.ValueKind);
        Assert.Equal(2, schema.AnyOf!.Count);
    }

    [Fact]
    public void Generate_ListMap_CarriesKeysAndItemRequired()
    {
        var parts = RootSchema.Properties!["spec"].Properties!["parts"];
        Assert.Equal("map", parts.ListType);
        Assert.Equal(["name"], parts.ListMapKeys!);
        Assert.Equal(["name"], parts.Items!.Required!);
        Assert.Equal(1, (int)parts.Items.Properties!["weight"].Default!);
    }

    [Fact]
    public void Generate_EmbeddedObjectMeta_ListsEmbeddableFields()
    {
        var template = RootSchema.Properties!["spec"].Properties!["template"];
        Assert.Equal(["annotations", "finalizers", "labels", "name", "namespace"], template.Properties!.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ToJsonFromJson_RoundTrip_PreservesEverything()
    {
        var json = OpenApiSchemaJson.ToJson(RootSchema);
        var again = OpenApiSchemaJson.ToJson(OpenApiSchemaJson.FromJson(json));
        Assert.True(JsonNode.DeepEquals(json, again));
    }

    [Fact]
    public void EffectiveEnum_AllOfBranches_Intersect()
    {
        var schema = OpenApiSchemaJson.FromJson(JsonNode.Parse("""{"type":"string","allOf":[{"enum":["a","b","c"]},{"enum":["b","c","d"]}]}""")!.AsObject());
        Assert.Equal(["b", "c"], schema.EffectiveEnum!.Select(v => (string)v!));
    }
}
