using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Tests.Patch;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>
/// <see cref="SimpleJsonPath"/>: the JSONPath subset of CRD printer columns and scale paths, evaluated as client-go's
/// jsonpath does (missing steps select nothing, negative indexes count from the end).
/// </summary>
public sealed class SimpleJsonPathTests
{
    private const string Document = """
        {
          "metadata": {"name": "web", "labels": {"app": "demo", "x.y": "dotted"}, "annotations": {"a]b": "bracket"}},
          "spec": {"cpu": 2, "disks": [{"name": "root"}, {"name": "data"}]},
          "status": {"ips": ["10.0.0.1", "10.0.0.2"], "ready": true, "nothing": null}
        }
        """;

    [Theory]
    [InlineData(".metadata.name", """["web"]""")]
    [InlineData("{.metadata.name}", """["web"]""")]
    [InlineData("$.metadata.name", """["web"]""")]
    [InlineData("{$.metadata.name}", """["web"]""")]
    [InlineData(" { .metadata.name } ", """["web"]""")]
    [InlineData(".spec.cpu", """[2]""")]
    [InlineData(".status.ready", """[true]""")]
    [InlineData(".status.nothing", """[null]""")]
    [InlineData(".status.ips", """[["10.0.0.1","10.0.0.2"]]""")]
    [InlineData(".status.ips[*]", """["10.0.0.1","10.0.0.2"]""")]
    [InlineData(".spec.disks[*].name", """["root","data"]""")]
    [InlineData(".spec.disks[0].name", """["root"]""")]
    [InlineData(".spec.disks[1]", """[{"name":"data"}]""")]
    [InlineData(".spec.disks[-1].name", """["data"]""")]
    [InlineData(".spec.disks[-2].name", """["root"]""")]
    [InlineData(".spec.disks[2].name", """[]""")]
    [InlineData(".spec.disks[-3].name", """[]""")]
    [InlineData(".metadata.labels['x.y']", """["dotted"]""")]
    [InlineData(".metadata.labels[\"x.y\"]", """["dotted"]""")]
    [InlineData(".metadata.annotations['a]b']", """["bracket"]""")]
    [InlineData(".metadata.labels.x\\.y", """["dotted"]""")]
    [InlineData(".metadata.annotations.a\\]b", """["bracket"]""")]
    [InlineData(".metadata.labels.\\*", """[]""")]
    [InlineData(".metadata.labels[*]", """["demo","dotted"]""")]
    [InlineData(".metadata.labels.*", """["demo","dotted"]""")]
    [InlineData(".spec.disks.*.name", """["root","data"]""")]
    [InlineData(".missing", """[]""")]
    [InlineData(".missing.deeper", """[]""")]
    [InlineData(".metadata.name.deeper", """[]""")]
    [InlineData(".spec.cpu[0]", """[]""")]
    [InlineData(".spec.cpu[*]", """[]""")]
    [InlineData(".metadata[0]", """[]""")]
    [InlineData(".status.nothing.x", """[]""")]
    public void Evaluate_Expression_SelectsLikeJsonPath(string expression, string expected)
    {
        var results = SimpleJsonPath.Parse(expression).Evaluate(JsonAssert.Parse(Document));

        JsonAssert.Equal(expected, new JsonArray([.. results.Select(r => r?.DeepClone())]));
    }

    [Theory]
    [InlineData(".")]
    [InlineData("$")]
    [InlineData("{$}")]
    [InlineData("{.}")]
    public void Evaluate_Root_SelectsTheWholeObject(string expression)
    {
        var document = JsonAssert.Parse(Document);

        var result = Assert.Single(SimpleJsonPath.Parse(expression).Evaluate(document));

        Assert.Same(document, result);
    }

    [Fact]
    public void Evaluate_NullDocument_SelectsNothing()
    {
        Assert.Empty(SimpleJsonPath.Parse(".a").Evaluate(null));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{}")]
    [InlineData("metadata.name")]
    [InlineData("..metadata")]
    [InlineData(".metadata..name")]
    [InlineData(".metadata.")]
    [InlineData("$.")]
    [InlineData(".spec.disks[")]
    [InlineData(".spec.disks[0")]
    [InlineData(".spec.disks[]")]
    [InlineData(".spec.disks[x]")]
    [InlineData(".spec.disks[0:1]")]
    [InlineData(".spec.disks[0,1]")]
    [InlineData(".spec.disks[?(@.name=='root')]")]
    [InlineData(".metadata.labels['x.y")]
    [InlineData(".metadata.labels['x.y'")]
    [InlineData(".metadata.labels['x'y]")]
    [InlineData("{.metadata.name}{.spec.cpu}")]
    [InlineData(".a b")]
    public void Parse_OutsideTheSubset_ThrowsFormatException(string expression)
    {
        Assert.Throws<FormatException>(() => SimpleJsonPath.Parse(expression));
    }

    [Fact]
    public void Text_Parsed_IsTheExpressionAsWritten()
    {
        var path = SimpleJsonPath.Parse(" {.spec.disks[*].name} ");

        Assert.Equal((" {.spec.disks[*].name} ", " {.spec.disks[*].name} "), (path.Text, path.ToString()));
    }
}
