using System.Text.Json.Nodes;
using Google.Protobuf;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.OpenApi.Protobuf;
using VirtRigaud.Apiserver.OpenApi.Protobuf.Gnostic;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Tests.OpenApi.Protobuf;

public sealed class GnosticCompilerTests
{
    private const string GvkExtension = "x-kubernetes-group-version-kind";

    [Fact]
    public void Document_ParsedBack_HasEveryDefinitionInOrder()
    {
        var json = ApiCatalog.Standalone.OpenApi.V2();

        var document = Document.Parser.ParseFrom(ApiCatalog.Standalone.OpenApi.V2ProtobufDocument.Body);

        Assert.Equal("2.0", document.Swagger);
        Assert.Equal((string?)json["info"]!["version"], document.Info.Version);
        Assert.Equal(json["definitions"]!.AsObject().Select(d => d.Key), document.Definitions.AdditionalProperties.Select(d => d.Name));
        Assert.Equal(json["paths"]!.AsObject().Select(p => p.Key), document.Paths.Path.Select(p => p.Name));
    }

    [Fact]
    public void Document_EveryKindAndListKind_HasAParsableGroupVersionKind()
    {
        var document = Document.Parser.ParseFrom(ApiCatalog.Standalone.OpenApi.V2ProtobufDocument.Body);
        var definitions = document.Definitions.AdditionalProperties.ToDictionary(d => d.Name, d => d.Value);

        foreach (var kind in Kinds.All)
        {
            foreach (var k in new[] { kind.Kind, kind.ListKind })
            {
                var schema = definitions["io.virtrigaud.infra.v1beta1." + k];
                var extension = Assert.Single(schema.VendorExtension, e => e.Name == GvkExtension);
                var gvk = Assert.Single(KubernetesYaml.ReadDocument(extension.Value.Yaml).AsArray())!;
                Assert.Equal("infra.virtrigaud.io", (string?)gvk["group"]);
                Assert.Equal("v1beta1", (string?)gvk["version"]);
                Assert.Equal(k, (string?)gvk["kind"]);
            }
        }
    }

    [Fact]
    public void Document_EveryOperation_CarriesItsGroupVersionKindAndAction()
    {
        var json = ApiCatalog.Standalone.OpenApi.V2();
        var document = Document.Parser.ParseFrom(ApiCatalog.Standalone.OpenApi.V2ProtobufDocument.Body);

        foreach (var path in document.Paths.Path)
        {
            foreach (var (method, operation) in Operations(path.Value))
            {
                var expected = json["paths"]![path.Name]![method]!;
                var extensions = operation.VendorExtension.ToDictionary(e => e.Name, e => KubernetesYaml.ReadDocument(e.Value.Yaml));
                Assert.True(JsonNode.DeepEquals(expected[GvkExtension], extensions[GvkExtension]), $"{method} {path.Name}");
                Assert.Equal((string?)expected["x-kubernetes-action"], (string?)extensions["x-kubernetes-action"]);
                Assert.Equal((string?)expected["operationId"], operation.OperationId);
                Assert.Equal(expected["consumes"]!.AsArray().Select(c => (string?)c), operation.Consumes);
            }
        }
    }

    [Fact]
    public void Document_Schemas_KeepTypesRequiredReferencesAndDescriptions()
    {
        var json = ApiCatalog.Standalone.OpenApi.V2()["definitions"]!["io.virtrigaud.infra.v1beta1.VMClass"]!;
        var document = Document.Parser.ParseFrom(ApiCatalog.Standalone.OpenApi.V2ProtobufDocument.Body);
        var vmClass = document.Definitions.AdditionalProperties.Single(d => d.Name == "io.virtrigaud.infra.v1beta1.VMClass").Value;

        var properties = vmClass.Properties.AdditionalProperties.ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(json["properties"]!.AsObject().Select(p => p.Key), properties.Keys);
        Assert.Equal((string?)json["properties"]!["metadata"]!["$ref"] ?? (string?)json["properties"]!["metadata"]!["allOf"]![0]!["$ref"],
            properties["metadata"].Ref.Length > 0 ? properties["metadata"].Ref : properties["metadata"].AllOf.Single().Ref);
        var spec = properties["spec"];
        Assert.Equal(["object"], spec.Type.Value);
        Assert.Equal((string?)json["properties"]!["spec"]!["description"], spec.Description);
        Assert.Equal(json["properties"]!["spec"]!["required"]!.AsArray().Select(r => (string?)r), spec.Required);
        var cpu = spec.Properties.AdditionalProperties.Single(p => p.Name == "cpu").Value;
        Assert.Equal(["integer"], cpu.Type.Value);
    }

    [Fact]
    public void Compile_Parameters_BodyQueryAndPathBecomeTheirOneofCases()
    {
        var document = GnosticCompiler.Compile(Parse("""
            {"swagger":"2.0","paths":{"/a/{name}":{
              "parameters":[{"name":"name","in":"path","type":"string","required":true,"uniqueItems":true}],
              "put":{"parameters":[
                {"name":"body","in":"body","required":true,"schema":{"$ref":"#/definitions/A"}},
                {"name":"dryRun","in":"query","type":"string","uniqueItems":true},
                {"$ref":"#/parameters/shared"}],
                "responses":{"200":{"description":"OK","schema":{"$ref":"#/definitions/A"}},"default":{"$ref":"#/responses/e"}}}}}}
            """));

        var item = Assert.Single(document.Paths.Path).Value;
        var path = item.Parameters.Single().Parameter.NonBodyParameter.PathParameterSubSchema;
        Assert.Equal(("name", "path", "string", true, true), (path.Name, path.In, path.Type, path.Required, path.UniqueItems));
        var parameters = item.Put.Parameters;
        Assert.Equal("#/definitions/A", parameters[0].Parameter.BodyParameter.Schema.Ref);
        Assert.True(parameters[0].Parameter.BodyParameter.Required);
        Assert.Equal("dryRun", parameters[1].Parameter.NonBodyParameter.QueryParameterSubSchema.Name);
        Assert.Equal("#/parameters/shared", parameters[2].JsonReference.Ref);
        Assert.Equal(["200", "default"], item.Put.Responses.ResponseCode.Select(r => r.Name));
        Assert.Equal("#/definitions/A", item.Put.Responses.ResponseCode[0].Value.Response.Schema.Schema.Ref);
        Assert.Equal("#/responses/e", item.Put.Responses.ResponseCode[1].Value.JsonReference.Ref);
    }

    [Fact]
    public void Compile_SchemaShapes_BecomeGnosticMessages()
    {
        var document = GnosticCompiler.Compile(Parse("""
            {"swagger":"2.0","paths":{},"definitions":{"A":{
              "type":["string","null"],"format":"int-or-string","maxLength":63,"maximum":1.5,"exclusiveMinimum":true,
              "enum":["a",1],"default":"a","x-kubernetes-int-or-string":true},
              "M":{"type":"object","additionalProperties":{"type":"string"},"x-kubernetes-map-type":"granular"},
              "F":{"type":"object","additionalProperties":false},
              "L":{"type":"array","items":{"type":"integer"},"x-kubernetes-list-map-keys":["name"]},
              "T":{"items":[{"type":"string"},{"type":"boolean"}]}},
             "securityDefinitions":{"BearerToken":{"type":"apiKey","name":"authorization","in":"header","description":"d"}},
             "security":[{"BearerToken":[]}]}
            """));

        var definitions = document.Definitions.AdditionalProperties.ToDictionary(d => d.Name, d => d.Value);
        var a = definitions["A"];
        Assert.Equal(["string", "null"], a.Type.Value);
        Assert.Equal(("int-or-string", 63L, 1.5, true), (a.Format, a.MaxLength, a.Maximum, a.ExclusiveMinimum));
        Assert.Equal(["a\n", "1\n"], a.Enum.Select(e => e.Yaml));
        Assert.Equal("a\n", a.Default.Yaml);
        Assert.Equal(("x-kubernetes-int-or-string", "true\n"), (a.VendorExtension.Single().Name, a.VendorExtension.Single().Value.Yaml));
        Assert.Equal(["string"], definitions["M"].AdditionalProperties.Schema.Type.Value);
        Assert.False(definitions["F"].AdditionalProperties.Boolean);
        Assert.Equal(AdditionalPropertiesItem.OneofOneofCase.Boolean, definitions["F"].AdditionalProperties.OneofCase);
        Assert.Equal(["integer"], definitions["L"].Items.Schema.Single().Type.Value);
        Assert.Equal("- name\n", definitions["L"].VendorExtension.Single().Value.Yaml);
        Assert.Equal(2, definitions["T"].Items.Schema.Count);
        var security = document.SecurityDefinitions.AdditionalProperties.Single();
        Assert.Equal(("BearerToken", "authorization", "header"), (security.Name, security.Value.ApiKeySecurity.Name, security.Value.ApiKeySecurity.In));
        Assert.Equal("BearerToken", document.Security.Single().AdditionalProperties.Single().Name);
        Assert.Empty(document.Security.Single().AdditionalProperties.Single().Value.Value);
    }

    [Theory]
    [InlineData("""{"swagger":"2.0","paths":{},"definitions":{"A":{"type":"object","nullable":true}}}""", "$.definitions.A.nullable")]
    [InlineData("""{"swagger":"2.0","paths":{},"definitions":{"A":{"oneOf":[]}}}""", "$.definitions.A.oneOf")]
    [InlineData("""{"swagger":"2.0","paths":{"a":{}}}""", "$.paths.a")]
    [InlineData("""{"swagger":"2.0","paths":{"/a":{"get":{"responses":{"20x":{"description":""}}}}}}""", "$.paths./a.get.responses.20x")]
    [InlineData("""{"swagger":"2.0","paths":{"/a":{"parameters":[{"name":"n","in":"cookie","type":"string"}]}}}""", "$.paths./a.parameters")]
    [InlineData("""{"swagger":"2.0","paths":{},"definitions":{"A":{"maxLength":"3"}}}""", "$.definitions.A.maxLength")]
    [InlineData("""{"swagger":"2.0","info":{"x-a":1,"name":"n"}}""", "$.info.name")]
    public void Compile_WhatGnosticRejects_ThrowsNamingThePath(string json, string path)
    {
        var e = Assert.Throws<InvalidOperationException>(() => GnosticCompiler.Compile(Parse(json)));

        Assert.StartsWith("OpenAPI v2 " + path + " ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ServedJsonDocument_IsDeterministic()
    {
        var first = GnosticCompiler.Compile(ApiCatalog.Standalone.OpenApi.V2()).ToByteArray();
        var second = GnosticCompiler.Compile(ApiCatalog.Standalone.OpenApi.V2()).ToByteArray();

        Assert.Equal(first, second);
        Assert.Equal(ApiCatalog.Standalone.OpenApi.V2ProtobufDocument.Body, first);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static IEnumerable<(string Method, Operation Operation)> Operations(PathItem item)
    {
        (string, Operation?)[] all = [("get", item.Get), ("put", item.Put), ("post", item.Post), ("delete", item.Delete), ("options", item.Options), ("head", item.Head), ("patch", item.Patch)];
        return all.Where(o => o.Item2 is not null).Select(o => (o.Item1, o.Item2!));
    }
}
