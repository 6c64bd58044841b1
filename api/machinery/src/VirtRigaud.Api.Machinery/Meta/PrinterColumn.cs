using System.Text.Json;
using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery;

/// <summary>
/// A column of <c>kubectl get</c> output, as a CRD's <c>additionalPrinterColumns</c> entry: a name, an OpenAPI type
/// (<c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>date</c>) and a simple JSONPath into the object.
/// A column may instead compute its cell (<see cref="Compute"/>) where JSONPath cannot express it (a count).
/// </summary>
public sealed record PrinterColumn
{
    private readonly SimpleJsonPath? _path;

    public PrinterColumn(string name, string type, string jsonPath)
    {
        Name = name;
        Type = type;
        JsonPath = jsonPath;
        _path = SimpleJsonPath.Parse(jsonPath);
    }

    public string Name { get; }

    public string Type { get; }

    public string JsonPath { get; }

    public string Format { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>0 for the default view; higher priorities show with <c>-o wide</c>.</summary>
    public int Priority { get; init; }

    /// <summary>Computes the cell from the object instead of evaluating <see cref="JsonPath"/>.</summary>
    public Func<JsonNode, JsonNode?>? Compute { get; init; }

    /// <summary>The Table column definition.</summary>
    public TableColumnDefinition Definition => new() { Name = Name, Type = Type, Format = Format, Description = Description, Priority = Priority };

    /// <summary>
    /// The cell for <paramref name="obj"/>: <c>null</c> when nothing is selected or the value does not fit the type;
    /// several selected values of a string column are joined with commas.
    /// </summary>
    public JsonNode? Cell(JsonNode obj)
    {
        if (Compute is not null)
        {
            return Compute(obj);
        }

        var values = _path!.Evaluate(obj).Where(v => v is not null).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var first = values[0]!;
        var kind = first.GetValueKind();
        return Type switch
        {
            "integer" when kind == JsonValueKind.Number => first.DeepClone(),
            "number" when kind == JsonValueKind.Number => first.DeepClone(),
            "boolean" when kind is JsonValueKind.True or JsonValueKind.False => first.DeepClone(),
            "date" when kind == JsonValueKind.String => first.DeepClone(),
            "string" => JsonValue.Create(string.Join(",", values.Select(AsText))),
            _ => null,
        };
    }

    private static string AsText(JsonNode? v) => v is JsonValue value && value.GetValueKind() == JsonValueKind.String
        ? value.GetValue<string>()
        : v?.ToJsonString() ?? "";
}
