using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.Machinery.Tests.Meta;

/// <summary>meta.k8s.io/v1 Table as kubectl get receives it (KUBERNETES-API.md §6.2).</summary>
public sealed class TableJsonTests
{
    private const string KubectlTable = """
        {
          "kind": "Table",
          "apiVersion": "meta.k8s.io/v1",
          "metadata": {"resourceVersion": "1050", "continue": ""},
          "columnDefinitions": [
            {"name": "Name", "type": "string", "format": "name", "description": "Name must be unique within a namespace.", "priority": 0},
            {"name": "Phase", "type": "string", "format": "", "description": "", "priority": 0},
            {"name": "CPU", "type": "integer", "format": "", "description": "", "priority": 1},
            {"name": "Age", "type": "date", "format": "", "description": "", "priority": 0}
          ],
          "rows": [
            {
              "cells": ["web", "Running", 2, "2025-03-01T10:00:00Z"],
              "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                         "metadata": {"name": "web", "namespace": "default", "uid": "8f0e6c3a", "resourceVersion": "1045",
                                      "creationTimestamp": "2025-03-01T10:00:00Z"}}
            },
            {
              "cells": ["db", null, null, "2025-03-01T11:00:00Z"],
              "conditions": [{"type": "Completed", "status": "True", "reason": "Succeeded", "message": "done"}]
            }
          ]
        }
        """;

    [Fact]
    public void RoundTrip_KubectlTable_IsPreserved()
    {
        var table = WireJson.RoundTrip(KubectlTable, MachineryJsonContext.Default.Table);

        Assert.Equal(["Name", "Phase", "CPU", "Age"], table.ColumnDefinitions.Select(c => c.Name));
        Assert.Equal([0, 0, 1, 0], table.ColumnDefinitions.Select(c => c.Priority));
        Assert.Equal(2, table.Rows[0].Cells[2].GetInt32());
        Assert.Equal("web", table.Rows[0].Object!.Value.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Null(table.Rows[1].Object);
        var condition = Assert.Single(table.Rows[1].Conditions!);
        Assert.Equal(("Completed", ConditionStatus.True), (condition.Type, condition.Status));
    }

    [Fact]
    public void Write_BuiltTable_HasEveryColumnFieldAndRowCells()
    {
        var table = new Table
        {
            Metadata = new ListMeta { ResourceVersion = "1050" },
            ColumnDefinitions =
            [
                new TableColumnDefinition { Name = "Name", Type = "string", Format = "name" },
                new TableColumnDefinition { Name = "Ready", Type = "boolean", Description = "Whether the VM is ready", Priority = 1 },
            ],
            Rows =
            [
                new TableRow { Cells = [WireJson.Element("\"web\""), WireJson.Element("true")], Object = WireJson.Element("""{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web"}}""") },
                new TableRow { Cells = [WireJson.Element("\"db\""), WireJson.Element("null")] },
            ],
        };

        WireJson.AssertWrites("""
            {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"1050"},
             "columnDefinitions":[
               {"name":"Name","type":"string","format":"name","description":"","priority":0},
               {"name":"Ready","type":"boolean","format":"","description":"Whether the VM is ready","priority":1}],
             "rows":[
               {"cells":["web",true],"object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{"name":"web"}}},
               {"cells":["db",null]}]}
            """, table, MachineryJsonContext.Default.Table);
    }

    [Fact]
    public void Write_EmptyTable_KeepsEmptyColumnsAndRows()
    {
        WireJson.AssertWrites(
            """{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{},"columnDefinitions":[],"rows":[]}""",
            new Table(),
            MachineryJsonContext.Default.Table);
    }

    [Fact]
    public void Write_WatchEventOfTable_WrapsTheTable()
    {
        var evt = new WatchEvent<Table> { Type = WatchEventType.Modified, Object = new Table { Metadata = new ListMeta { ResourceVersion = "7" } } };

        WireJson.AssertWrites(
            """{"type":"MODIFIED","object":{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"7"},"columnDefinitions":[],"rows":[]}}""",
            evt,
            MachineryJsonContext.Default.WatchEventTable);
    }

    [Fact]
    public void Read_MinimalTable_HasEmptyCollectionsAndColumnTexts()
    {
        var table = WireJson.Read("""{"columnDefinitions":[{"name":"Name","type":"string"}]}""", MachineryJsonContext.Default.Table);

        Assert.Equal(("Table", "meta.k8s.io/v1", new ListMeta()), (table.Kind, table.ApiVersion, table.Metadata));
        Assert.Empty(table.Rows);
        Assert.Equal(new TableColumnDefinition { Name = "Name", Type = "string", Format = "", Description = "", Priority = 0 }, Assert.Single(table.ColumnDefinitions));
    }
}
