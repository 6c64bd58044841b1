using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Apiserver.Registry;

namespace VirtRigaud.Apiserver.Http;

/// <summary>
/// The meta.k8s.io transformations of responses (kube-apiserver's <c>transformResponseObject</c>): Table with the
/// resource's columns (<see cref="ResourceDefinition.TableColumns"/>: the CRD table convertor's for custom kinds,
/// kube-apiserver's printers' for built-in resources), and PartialObjectMetadata[List]. Inputs are never mutated;
/// outputs are new trees.
/// </summary>
internal static class ObjectTransforms
{
    /// <summary>
    /// kubectl's copy of the applied configuration, which for a Secret holds its data: metadata-only views of
    /// sensitive resources drop it (kube-apiserver does not, and so leaks secret data to metadata readers).
    /// </summary>
    public const string LastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>
    /// A Table of <paramref name="objects"/>. <paramref name="resource"/> gives the columns; null means the default
    /// columns (Name, Created At), used for subresources such as scale. <paramref name="includeObject"/>: None,
    /// Metadata (default) or Object.
    /// </summary>
    public static JsonObject Table(IEnumerable<JsonNode> objects, ResourceDefinition? resource, ListMetaFields listMeta, string includeObject, ResponseFormat format, DateTimeOffset now, bool includeColumns = true) =>
        Table(objects, resource?.TableColumns ?? TableColumns.Default, resource?.Sensitive == true, listMeta, includeObject, format, now, includeColumns);

    /// <summary>A Table of <paramref name="objects"/> with the given columns (see the other overload).</summary>
    public static JsonObject Table(IEnumerable<JsonNode> objects, IReadOnlyList<TableColumn> definitions, bool sensitive, ListMetaFields listMeta, string includeObject, ResponseFormat format, DateTimeOffset now, bool includeColumns = true)
    {
        var columns = new JsonArray(definitions.Select(c => (JsonNode)Column(c)).ToArray());
        var rows = new JsonArray();
        foreach (var obj in objects)
        {
            var cells = new JsonArray(definitions.Select(c => c.Cell(obj, now)).ToArray());
            var row = new JsonObject { ["cells"] = cells };
            switch (includeObject)
            {
                case "Object":
                    row["object"] = obj.DeepClone();
                    break;
                case "None":
                    break;
                default:
                    row["object"] = PartialObjectMetadata(obj, format, sensitive);
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

    /// <summary>
    /// An object reduced to its metadata (all of it, as <c>meta.AsPartialObjectMetadata</c> keeps it, except the
    /// <see cref="LastAppliedConfiguration"/> annotation of a <paramref name="sensitive"/> resource).
    /// </summary>
    public static JsonObject PartialObjectMetadata(JsonNode obj, ResponseFormat format, bool sensitive = false)
    {
        var meta = obj["metadata"]?.DeepClone() as JsonObject ?? [];
        if (sensitive && meta["annotations"] is JsonObject annotations)
        {
            annotations.Remove(LastAppliedConfiguration);
            if (annotations.Count == 0)
            {
                meta.Remove("annotations");
            }
        }

        return new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = format.MetaApiVersion,
            ["metadata"] = meta,
        };
    }

    /// <summary>A PartialObjectMetadataList of the items.</summary>
    public static JsonObject PartialObjectMetadataList(IEnumerable<JsonNode> items, ListMetaFields listMeta, ResponseFormat format, bool sensitive = false) => new()
    {
        ["kind"] = "PartialObjectMetadataList",
        ["apiVersion"] = format.MetaApiVersion,
        ["metadata"] = listMeta.ToJson(),
        ["items"] = new JsonArray(items.Select(i => (JsonNode)PartialObjectMetadata(i, format, sensitive)).ToArray()),
    };

    /// <summary>A string field of an object's metadata, or null.</summary>
    public static string? Meta(JsonNode obj, string field) =>
        obj["metadata"]?[field] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null;

    private static JsonObject Column(TableColumn column) => new()
    {
        ["name"] = column.Name,
        ["type"] = column.Type,
        ["format"] = column.Format,
        ["description"] = column.Description,
        ["priority"] = column.Priority,
    };
}
