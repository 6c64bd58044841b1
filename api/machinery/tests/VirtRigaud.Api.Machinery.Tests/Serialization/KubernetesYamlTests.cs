using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Serialization;

public sealed class KubernetesYamlTests
{
    private static void AssertJson(string expectedJson, string yaml)
    {
        var actual = KubernetesYaml.ReadDocument(yaml);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), actual), actual.ToJsonString());
    }

    [Theory]
    // YAML 1.1 booleans, as go-yaml v2 (and therefore kubectl) resolves them.
    [InlineData("v: On", """{"v":true}""")]
    [InlineData("v: off", """{"v":false}""")]
    [InlineData("v: yes", """{"v":true}""")]
    [InlineData("v: N", """{"v":false}""")]
    [InlineData("v: TRUE", """{"v":true}""")]
    [InlineData("v: \"On\"", """{"v":"On"}""")]
    [InlineData("v: 'off'", """{"v":"off"}""")]
    [InlineData("v: OffGraceful", """{"v":"OffGraceful"}""")]
    // Nulls.
    [InlineData("v: ~", """{"v":null}""")]
    [InlineData("v:", """{"v":null}""")]
    [InlineData("v: Null", """{"v":null}""")]
    // Integers: decimal, hex, octal (leading 0), binary, underscores, signs.
    [InlineData("v: 42", """{"v":42}""")]
    [InlineData("v: -7", """{"v":-7}""")]
    [InlineData("v: +7", """{"v":7}""")]
    [InlineData("v: 0x1F", """{"v":31}""")]
    [InlineData("v: 0777", """{"v":511}""")]
    [InlineData("v: 0b101", """{"v":5}""")]
    [InlineData("v: 1_000", """{"v":1000}""")]
    [InlineData("v: 9223372036854775807", """{"v":9223372036854775807}""")]
    // Floats.
    [InlineData("v: 1.5", """{"v":1.5}""")]
    [InlineData("v: 1e3", """{"v":1000}""")]
    [InlineData("v: .5", """{"v":0.5}""")]
    [InlineData("v: 08", """{"v":8}""")]
    // Strings that look almost like something else.
    [InlineData("v: 4Gi", """{"v":"4Gi"}""")]
    [InlineData("v: 500m", """{"v":"500m"}""")]
    [InlineData("v: 1.2.3", """{"v":"1.2.3"}""")]
    [InlineData("v: 2025-03-01T10:00:00Z", """{"v":"2025-03-01T10:00:00Z"}""")]
    [InlineData("v: 2025-03-01", """{"v":"2025-03-01"}""")]
    [InlineData("v: -x", """{"v":"-x"}""")]
    [InlineData("v: qemu+ssh://root@host/system", """{"v":"qemu+ssh://root@host/system"}""")]
    // Explicit tags.
    [InlineData("v: !!str 42", """{"v":"42"}""")]
    [InlineData("v: !!str on", """{"v":"on"}""")]
    [InlineData("v: !!int 42", """{"v":42}""")]
    [InlineData("v: !custom 42", """{"v":"42"}""")]
    // Non-string keys become strings.
    [InlineData("1: a", """{"1":"a"}""")]
    [InlineData("on: a", """{"true":"a"}""")]
    public void ReadDocument_Scalar_ResolvesAsKubectlDoes(string yaml, string expectedJson)
    {
        AssertJson(expectedJson, yaml);
    }

    [Fact]
    public void ReadDocument_BlockScalars_AreStrings()
    {
        var node = KubernetesYaml.ReadDocument("""
            literal: |
              #cloud-config
              users:
                - name: ops
            folded: >
              one
              two

            """);
        Assert.Equal("#cloud-config\nusers:\n  - name: ops\n", (string?)node["literal"]);
        Assert.Equal("one two\n", (string?)node["folded"]);
    }

    [Fact]
    public void ReadDocument_AnchorsAliasesAndMerge_Expand()
    {
        var node = KubernetesYaml.ReadDocument("""
            base: &base
              cpu: 2
              memory: 4Gi
            small:
              <<: *base
              cpu: 1
            list: &l [a, b]
            copy: *l
            """);
        Assert.Equal("""{"cpu":1,"memory":"4Gi"}""", node["small"]!.ToJsonString());
        Assert.Equal("""["a","b"]""", node["copy"]!.ToJsonString());
    }

    [Fact]
    public void ReadDocuments_MultiDocumentStream_SkipsEmptyDocuments()
    {
        var documents = KubernetesYaml.ReadDocuments("""
            ---
            kind: A
            ---
            # only a comment
            ---
            kind: B
            ...
            """);
        Assert.Equal(["A", "B"], documents.Select(d => (string?)d["kind"]));
    }

    [Fact]
    public void ReadDocuments_FlowCollections_Parse()
    {
        AssertJson("""{"a":[1,"x",{"b":true}]}""", "a: [1, x, {b: yes}]");
    }

    [Theory]
    [InlineData("a: 1\na: 2", "already set in map")]
    [InlineData("a: [1, 2", "yaml: line")]
    [InlineData("a: .nan", "not representable in JSON")]
    [InlineData("a: *missing", "yaml: line")]
    [InlineData("? [a, b]\n: c", "a key must be a scalar")]
    [InlineData("a: !!int abc", "cannot decode !!int")]
    public void ReadDocument_Invalid_ThrowsYamlFormatException(string yaml, string message)
    {
        var e = Assert.Throws<YamlFormatException>(() => KubernetesYaml.ReadDocument(yaml));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDocument_Empty_Throws()
    {
        Assert.Throws<YamlFormatException>(() => KubernetesYaml.ReadDocument("# nothing\n"));
    }

    [Fact]
    public void ReadDocument_NestedStructure_MatchesEquivalentJson()
    {
        var yaml = """
            apiVersion: infra.virtrigaud.io/v1beta1
            kind: VirtualMachine
            metadata:
              name: web-1
              labels: {app: web}
            spec:
              powerState: "On"
              disks:
                - name: data
                  sizeGiB: 20
            """;
        var expected = JsonNode.Parse("""
            {"apiVersion":"infra.virtrigaud.io/v1beta1","kind":"VirtualMachine",
             "metadata":{"name":"web-1","labels":{"app":"web"}},
             "spec":{"powerState":"On","disks":[{"name":"data","sizeGiB":20}]}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, KubernetesYaml.ReadDocument(yaml)));
    }
}
