using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Serialization;

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
    /// The cell for <paramref name="obj"/>, converted as the CRD table convertor's <c>cellForJSONValue</c> does:
    /// <list type="table">
    /// <item><term>integer</term><description>a number; a fraction is truncated toward zero (Go's <c>int64(f)</c>)</description></item>
    /// <item><term>number</term><description>a number</description></item>
    /// <item><term>boolean</term><description>true or false</description></item>
    /// <item><term>date</term><description>an RFC 3339 string, rewritten as metav1.Time (UTC, seconds); <c>&lt;invalid&gt;</c>
    /// when unparsable; <c>null</c> for <c>""</c> or <c>"null"</c> (the zero time)</description></item>
    /// <item><term>string</term><description>a string as is, other values as JSON text; several selected values joined
    /// with commas, as <c>kubectl get -o custom-columns</c> prints them</description></item>
    /// </list>
    /// <c>null</c> when nothing is selected, the value is JSON null, or it does not fit the type.
    /// </summary>
    public JsonNode? Cell(JsonNode obj)
    {
        if (Compute is not null)
        {
            return Compute(obj);
        }

        var values = _path!.Evaluate(obj).Where(v => v is not null && v.GetValueKind() != JsonValueKind.Null).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        var first = values[0]!;
        var kind = first.GetValueKind();
        return Type switch
        {
            "integer" when kind == JsonValueKind.Number => IntegerCell(first),
            "number" when kind == JsonValueKind.Number => first.DeepClone(),
            "boolean" when kind is JsonValueKind.True or JsonValueKind.False => first.DeepClone(),
            "date" when kind == JsonValueKind.String => DateCell(first.GetValue<string>()),
            "string" => JsonValue.Create(string.Join(",", values.Select(AsText))),
            _ => null,
        };
    }

    private static JsonNode? IntegerCell(JsonNode number)
    {
        if (number.AsValue().TryGetValue<long>(out _))
        {
            return number.DeepClone();
        }

        var d = double.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
        var truncated = Math.Truncate(d);

        // Beyond ±2^63 Go's conversion has no defined result; an empty cell is more honest than a wrong number.
        // Parsed rather than created from a long so that the cell converts to any integer type, as parsed cells do.
        return truncated is >= long.MinValue and < 9.2233720368547758E+18
            ? JsonNode.Parse(((long)truncated).ToString(CultureInfo.InvariantCulture))
            : null;
    }

    private static JsonNode? DateCell(string text)
    {
        if (text.Length == 0 || text == "null")
        {
            return null;
        }

        return JsonValue.Create(Rfc3339.TryParse(text, out var time) ? Rfc3339.Format(time) : "<invalid>");
    }

    private static string AsText(JsonNode? v) => v is JsonValue value && value.GetValueKind() == JsonValueKind.String
        ? value.GetValue<string>()
        : v?.ToJsonString() ?? "";
}
