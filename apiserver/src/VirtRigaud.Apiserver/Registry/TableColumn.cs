using System.Text.Json.Nodes;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// One column of a resource's Table form (metav1.TableColumnDefinition plus how to compute the cell). Cells are
/// computed from the object and the time of the request (ages); <see cref="Cell"/> never mutates the object and returns
/// a node the caller owns.
/// </summary>
public sealed record TableColumn
{
    public required string Name { get; init; }

    /// <summary>The OpenAPI type of the cells: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>date</c>.</summary>
    public required string Type { get; init; }

    public string Format { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>0 for the default view; higher priorities show with <c>kubectl get -o wide</c>.</summary>
    public int Priority { get; init; }

    /// <summary>The cell of one object at a given time.</summary>
    public required Func<JsonNode, DateTimeOffset, JsonNode?> Cell { get; init; }
}
