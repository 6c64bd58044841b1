using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Apiserver.OpenApi.Protobuf;

namespace VirtRigaud.Apiserver.Tests.OpenApi.Protobuf;

public sealed class GnosticYamlTests
{
    public static TheoryData<string, string> Cases => new()
    {
        { "true", "true\n" },
        { "42", "42\n" },
        { "\"merge\"", "merge\n" },
        { "\"\"", "\"\"\n" },
        { "\"true\"", "\"true\"\n" },
        { "\"1.5\"", "\"1.5\"\n" },
        { "\"merge,retainKeys\"", "merge,retainKeys\n" },
        { "\"a: b\"", "\"a: b\"\n" },
        { "\"line\\none\"", "\"line\\none\"\n" },
        { "[\"name\"]", "- name\n" },
        { "{}", "{}\n" },
        { "[]", "[]\n" },
        {
            """[{"group":"","kind":"Pod","version":"v1"}]""",
            "- group: \"\"\n  kind: Pod\n  version: v1\n"
        },
        {
            """{"group":"infra.virtrigaud.io","kind":"VMClass","version":"v1beta1"}""",
            "group: infra.virtrigaud.io\nkind: VMClass\nversion: v1beta1\n"
        },
        {
            """{"a":{"b":[1,{"c":null}],"d":[]}}""",
            "a:\n    b:\n        - 1\n        - c: null\n    d: []\n"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Write_JsonValue_GoYamlV3Style(string json, string expected)
    {
        Assert.Equal(expected, GnosticYaml.Write(JsonNode.Parse(json)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Write_JsonValue_ReadsBackAsTheSameValue(string json, string expected)
    {
        _ = expected;
        var value = JsonNode.Parse(json);

        var read = KubernetesYaml.ReadDocuments(GnosticYaml.Write(value)).SingleOrDefault();

        Assert.True(JsonNode.DeepEquals(value, read), $"{json} read back as {read?.ToJsonString()}");
    }
}
