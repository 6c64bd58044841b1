using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Apiserver.Http;

namespace VirtRigaud.Apiserver.Tests.Http;

public sealed class BodyCodecTests
{
    [Theory]
    [InlineData("""{"a":1,"b":2}""", new string[0])]
    [InlineData("""{"a":1,"a":2}""", new[] { "a" })]
    [InlineData("""{"spec":{"replicas":1,"x":{},"replicas":2}}""", new[] { "spec.replicas" })]
    [InlineData("""{"spec":{"disks":[{"name":"a"},{"name":"b","name":"c"}]}}""", new[] { "spec.disks[1].name" })]
    [InlineData("""{"a":[1,2,{"k":1,"k":2}],"b":{"c":1},"b":{}}""", new[] { "a[2].k", "b" })]
    public void Find_Duplicates_ReportsDottedPaths(string json, string[] expected)
    {
        Assert.Equal(expected, DuplicateFieldFinder.Find(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("""{"s":"true","t":"on","u":"123","v":"","w":"null","x":"1.5","y":"2025-01-01","z":"plain text"}""")]
    [InlineData("""{"multi":"line one\nline two\n","colon":"a: b","hash":"a #b","lead":" x","quote":"it's \"q\""}""")]
    [InlineData("""{"empty":{},"list":[],"nested":{"items":[{"a":1},{"b":[true,false,null]}]},"n":-1.5e3}""")]
    public void Write_Yaml_ReadsBackAsTheSameJson(string json)
    {
        var node = JsonNode.Parse(json)!;

        var yaml = YamlWriter.Write(node);

        Assert.True(JsonNode.DeepEquals(node, KubernetesYaml.ReadDocument(yaml)), yaml);
    }

    [Fact]
    public void Write_Yaml_ObjectWithManagedFieldsReadsBack()
    {
        var node = JsonNode.Parse("""
            {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine","metadata":{"name":"y","generation":1,
             "managedFields":[{"manager":"","operation":"Update","time":"2025-03-01T10:00:00Z","fieldsType":"FieldsV1",
             "fieldsV1":{"f:spec":{".":{},"f:classRef":{"f:name":{}}},"f:metadata":{"f:finalizers":{"v:\"a/b\"":{}},"f:ownerReferences":{"k:{\"uid\":\"u\"}":{}}}}}]},
             "spec":{"powerState":"On"}}
            """)!;

        var yaml = YamlWriter.Write(node);

        Assert.True(JsonNode.DeepEquals(node, KubernetesYaml.ReadDocument(yaml)), yaml);
    }

    [Fact]
    public void Write_Yaml_SortsKeysAndDoesNotIndentSequences()
    {
        var yaml = YamlWriter.Write(JsonNode.Parse("""{"kind":"X","apiVersion":"v1","items":["a"]}"""));

        Assert.Equal("apiVersion: v1\nitems:\n- a\nkind: X\n", yaml);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAsync_BodyOverLimit_Throws413(bool declareLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(new byte[1025]);
        if (declareLength)
        {
            context.Request.ContentLength = 1025;
        }

        var e = await Assert.ThrowsAsync<StatusException>(() => RequestBodyReader.ReadAsync(context.Request, 1024, CancellationToken.None));

        Assert.Equal(413, e.Code);
        Assert.Equal("Request entity too large: limit is 1024", e.Status.Message);
    }

    [Fact]
    public async Task ReadAsync_BodyAtLimit_IsRead()
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(new byte[1024]);

        Assert.Equal(1024, (await RequestBodyReader.ReadAsync(context.Request, 1024, CancellationToken.None)).Length);
    }
}
