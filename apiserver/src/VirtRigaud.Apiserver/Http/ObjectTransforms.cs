using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// The meta.k8s.io transformations of responses (kube-apiserver's <c>transformResponseObject</c>): Table with the
/// kind's printer columns after the Name column (the CRD table convertor), and PartialObjectMetadata[List]. Inputs are
/// never mutated; outputs are new trees.
/// </summary>
internal static class ObjectTransforms
{
    /// <summary>ObjectMeta's description of <c>name</c>, which kube-apiserver uses for the Name column.</summary>
    public const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    /// <summary>ObjectMeta's description of <c>creationTimestamp</c>, for the default <c>Created At</c> column.</summary>
    public const string CreatedAtDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    /// <summary>
    /// A Table of <paramref name="objects"/>. <paramref name="kind"/> null means the default columns (Name, Created At),
    /// used for subresources such as scale. <paramref name="includeObject"/>: None, Metadata (default) or Object.
    /// </summary>
    /// <remarks>Cells of type <c>date</c> hold the age at <paramref name="now"/> (<see cref="HumanDuration"/>), as kube-apiserver renders them.</remarks>
    public static JsonObject Table(IEnumerable<JsonNode> objects, KindInfo? kind, ListMetaFields listMeta, string includeObject, ResponseFormat format, DateTimeOffset now, bool includeColumns = true)
    {
        var columns = new JsonArray { Column("Name", "string", "name", NameDescription, 0) };
        if (kind is null)
        {
            columns.Add(Column("Created At", "date", "", CreatedAtDescription, 0));
        }
        else
        {
            foreach (var c in kind.PrinterColumns)
            {
                columns.Add(Column(c.Name, c.Type, c.Format, c.Description, c.Priority));
            }
        }

        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray { JsonValue.Create(Meta(obj, "name") ?? "") };
            if (kind is null)
            {
                cells.Add(Age(Meta(obj, "creationTimestamp") is { } created ? JsonValue.Create(created) : null, now));
            }
            else
            {
                var values = kind.Cells(obj);
                for (var i = 0; i < values.Count; i++)
                {
                    cells.Add(kind.PrinterColumns[i].Type == "date" ? Age(values[i], now) : values[i]?.DeepClone());
                }
            }

            var row = new JsonObject { ["cells"] = cells };
            switch (includeObject)
            {
                case "Object":
                    row["object"] = obj.DeepClone();
                    break;
                case "None":
                    break;
                default:
                    row["object"] = PartialObjectMetadata(obj, format);
                    break;
            }

            rows.Add(row);
        }

        var table = new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = format.MetaApiVersion,
            ["metadata"] = listMeta.ToJson(),
        };
        if (includeColumns)
        {
            table["columnDefinitions"] = columns;
        }

        table["rows"] = rows;
        return table;
    }

    /// <summary>The <c>includeObject</c> parameter, validated (400 for an unknown value, as kube-apiserver).</summary>
    public static string IncludeObject(IQueryCollection query)
    {
        var value = ListQueryParser.First(query, "includeObject") ?? "";
        return value switch
        {
            "" or "Metadata" => "Metadata",
            "None" or "Object" => value,
            _ => throw StatusException.BadRequest($"unrecognized includeObject value: {Api.Machinery.Validation.FieldError.Quote(value)}"),
        };
    }

    /// <summary>An object reduced to its metadata (all of it, as <c>meta.AsPartialObjectMetadata</c> keeps it).</summary>
    public static JsonObject PartialObjectMetadata(JsonNode obj, ResponseFormat format) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = format.MetaApiVersion,
        ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
    };

    /// <summary>A PartialObjectMetadataList of the items.</summary>
    public static JsonObject PartialObjectMetadataList(IEnumerable<JsonNode> items, ListMetaFields listMeta, ResponseFormat format) => new()
    {
        ["kind"] = "PartialObjectMetadataList",
        ["apiVersion"] = format.MetaApiVersion,
        ["metadata"] = listMeta.ToJson(),
        ["items"] = new JsonArray(items.Select(i => (JsonNode)PartialObjectMetadata(i, format)).ToArray()),
    };

    /// <summary>A string field of an object's metadata, or null.</summary>
    public static string? Meta(JsonNode obj, string field) =>
        obj["metadata"]?[field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A date cell as an age; <c>&lt;invalid&gt;</c> and empty cells stay as they are.</summary>
    private static JsonNode? Age(JsonNode? cell, DateTimeOffset now) =>
        cell is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String && Rfc3339.TryParse(v.GetValue<string>(), out var time)
            ? JsonValue.Create(HumanDuration.Since(time, now))
            : cell?.DeepClone();

    private static JsonObject Column(string name, string type, string format, string description, int priority) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["format"] = format,
        ["description"] = description,
        ["priority"] = priority,
    };
}
