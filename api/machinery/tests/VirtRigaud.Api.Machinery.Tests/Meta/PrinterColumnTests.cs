using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.Machinery.Tests.Patch;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>
/// <see cref="PrinterColumn.Cell"/> as the CRD table convertor's <c>cellForJSONValue</c> converts values per column type,
/// and the Table column definition.
/// </summary>
public sealed class PrinterColumnTests
{
    private const string Document = """
        {
          "spec": {"cpu": 2, "ratio": 1.5, "memory": "4Gi", "autoStart": true, "huge": 1e300, "whole": 3.0},
          "status": {
            "ips": ["10.0.0.1", "10.0.0.2"],
            "mixed": ["a", 1, null, true],
            "created": "2025-03-01T11:00:00.5+01:00",
            "bad": "yesterday",
            "empty": "",
            "nullText": "null",
            "phase": null,
            "count": 3.9,
            "negative": -3.9,
            "usedByVMs": [{"name": "a"}, {"name": "b"}],
            "obj": {"a": 1}
          }
        }
        """;

    [Theory]
    [InlineData("integer", ".spec.cpu", "2")]
    [InlineData("integer", ".spec.whole", "3")]
    [InlineData("integer", ".status.count", "3")]
    [InlineData("integer", ".status.negative", "-3")]
    [InlineData("integer", ".spec.memory", "null")]
    [InlineData("integer", ".spec.autoStart", "null")]
    [InlineData("integer", ".spec.huge", "null")]
    [InlineData("number", ".spec.ratio", "1.5")]
    [InlineData("number", ".spec.cpu", "2")]
    [InlineData("number", ".spec.memory", "null")]
    [InlineData("boolean", ".spec.autoStart", "true")]
    [InlineData("boolean", ".spec.memory", "null")]
    [InlineData("boolean", ".spec.cpu", "null")]
    [InlineData("date", ".status.created", "\"2025-03-01T10:00:00Z\"")]
    [InlineData("date", ".status.bad", "\"<invalid>\"")]
    [InlineData("date", ".status.empty", "null")]
    [InlineData("date", ".status.nullText", "null")]
    [InlineData("date", ".spec.cpu", "null")]
    [InlineData("string", ".spec.memory", "\"4Gi\"")]
    [InlineData("string", ".spec.cpu", "\"2\"")]
    [InlineData("string", ".spec.autoStart", "\"true\"")]
    [InlineData("string", ".status.obj", "\"{\\\"a\\\":1}\"")]
    [InlineData("string", ".status.ips[*]", "\"10.0.0.1,10.0.0.2\"")]
    [InlineData("string", ".status.ips[1]", "\"10.0.0.2\"")]
    [InlineData("string", ".status.mixed[*]", "\"a,1,true\"")]
    [InlineData("string", ".status.usedByVMs[*].name", "\"a,b\"")]
    [InlineData("string", ".status.phase", "null")]
    [InlineData("string", ".status.missing", "null")]
    [InlineData("string", ".status.ips[5]", "null")]
    [InlineData("integer", ".status.ips[*]", "null")]
    [InlineData("object", ".status.obj", "null")]
    public void Cell_TypeAndValue_ConvertsAsKubernetes(string type, string jsonPath, string expected)
    {
        var column = new PrinterColumn("Column", type, jsonPath);

        JsonAssert.Equal(expected, column.Cell(JsonAssert.Parse(Document)!));
    }

    [Theory]
    [InlineData(".spec.cpu", 2)]
    [InlineData(".status.count", 3)]
    public void Cell_IntegerColumn_ConvertsToInt(string jsonPath, int expected)
    {
        var cell = new PrinterColumn("Column", "integer", jsonPath).Cell(JsonAssert.Parse(Document)!);

        Assert.Equal(expected, (int)cell!);
        Assert.Equal(expected, (long)cell!);
    }

    [Fact]
    public void Cell_Compute_OverridesThePath()
    {
        var column = new PrinterColumn("Used By VMs", "integer", ".status.usedByVMs")
        {
            Compute = o => JsonValue.Create(o["status"]!["usedByVMs"]!.AsArray().Count),
        };

        JsonAssert.Equal("2", column.Cell(JsonAssert.Parse(Document)!));
        JsonAssert.Equal("null", (column with { Compute = null }).Cell(JsonAssert.Parse(Document)!));
    }

    [Fact]
    public void Cell_Object_IsNotModified()
    {
        var document = JsonAssert.Parse(Document)!;
        var before = JsonAssert.Text(document);

        var cell = new PrinterColumn("Spec", "number", ".spec.ratio").Cell(document);

        Assert.Equal(before, JsonAssert.Text(document));
        Assert.Null(cell!.Parent);
    }

    [Fact]
    public void Definition_Column_IsTheTableColumnDefinition()
    {
        var column = new PrinterColumn("Phase", "string", ".status.phase") { Format = "name", Description = "Lifecycle phase", Priority = 1 };

        Assert.Equal(
            new TableColumnDefinition { Name = "Phase", Type = "string", Format = "name", Description = "Lifecycle phase", Priority = 1 },
            column.Definition);
        Assert.Equal(("Phase", "string", ".status.phase"), (column.Name, column.Type, column.JsonPath));
    }

    [Fact]
    public void Definition_Defaults_AreWrittenAsKubeApiserverDoes()
    {
        var definition = new PrinterColumn("Age", "date", ".metadata.creationTimestamp").Definition;

        WireJson.AssertWrites(
            """{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{},"columnDefinitions":[{"name":"Age","type":"date","format":"","description":"","priority":0}],"rows":[]}""",
            new Table { ColumnDefinitions = [definition] },
            MachineryJsonContext.Default.Table);
    }

    [Theory]
    [InlineData("")]
    [InlineData("status.phase")]
    [InlineData(".status[0:1]")]
    public void Constructor_InvalidPath_ThrowsFormatException(string jsonPath)
    {
        Assert.Throws<FormatException>(() => new PrinterColumn("Phase", "string", jsonPath));
    }
}
