using System.Text.Json;
using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery.Serialization;
using VirtRigaud.Api.V1Beta1;
using VirtRigaud.Apiserver.Http;

namespace VirtRigaud.Apiserver.Registry;

/// <summary>
/// Table columns: the Name column every Table starts with, the CRD table convertor's columns of a custom kind
/// (<c>additionalPrinterColumns</c> after Name, <c>date</c> cells as ages), the default columns (Name, Created At) of
/// resources without printer columns, and the helpers built-in resources' printers use. Pure.
/// </summary>
public static class TableColumns
{
    /// <summary>ObjectMeta's description of <c>name</c>, which kube-apiserver uses for the Name column.</summary>
    public const string NameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";

    /// <summary>ObjectMeta's description of <c>creationTimestamp</c>, for the Created At and Age columns.</summary>
    public const string CreatedAtDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

    /// <summary>The Name column (<c>format: name</c>).</summary>
    public static TableColumn Name { get; } = new()
    {
        Name = "Name",
        Type = "string",
        Format = "name",
        Description = NameDescription,
        Cell = (obj, _) => JsonValue.Create(MetaString(obj, "name") ?? ""),
    };

    /// <summary>The columns of a resource without printer columns (and of subresources such as scale): Name, Created At.</summary>
    public static IReadOnlyList<TableColumn> Default { get; } =
    [
        Name,
        new()
        {
            Name = "Created At",
            Type = "date",
            Description = CreatedAtDescription,
            Cell = (obj, now) => DateAge(MetaString(obj, "creationTimestamp") is { } created ? JsonValue.Create(created) : null, now),
        },
    ];

    /// <summary>The columns of a custom kind: Name, then its printer columns (the CRD table convertor).</summary>
    public static IReadOnlyList<TableColumn> ForKind(KindInfo kind) =>
    [
        Name,
        .. kind.PrinterColumns.Select(c => new TableColumn
        {
            Name = c.Name,
            Type = c.Type,
            Format = c.Format,
            Description = c.Description,
            Priority = c.Priority,
            Cell = c.Type == "date" ? (obj, now) => DateAge(c.Cell(obj), now) : (obj, _) => c.Cell(obj)?.DeepClone(),
        }),
    ];

    /// <summary>
    /// The Age column of built-in printers (<c>translateTimestampSince(creationTimestamp)</c>): a string cell holding the
    /// age, <c>&lt;unknown&gt;</c> without a timestamp.
    /// </summary>
    public static TableColumn Age { get; } = new()
    {
        Name = "Age",
        Type = "string",
        Description = CreatedAtDescription,
        Cell = (obj, now) => JsonValue.Create(Since(MetaString(obj, "creationTimestamp"), now)),
    };

    /// <summary>kube's <c>translateTimestampSince</c>: the age of an RFC 3339 time, <c>&lt;unknown&gt;</c> for none.</summary>
    public static string Since(string? timestamp, DateTimeOffset now) =>
        timestamp is { Length: > 0 } && Rfc3339.TryParse(timestamp, out var time) ? HumanDuration.Since(time, now) : "<unknown>";

    /// <summary>A string field of an object's metadata, or null.</summary>
    public static string? MetaString(JsonNode obj, string field) =>
        obj["metadata"]?[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A date cell as an age; <c>&lt;invalid&gt;</c> and empty cells stay as they are (the CRD convertor).</summary>
    private static JsonNode? DateAge(JsonNode? cell, DateTimeOffset now) =>
        cell is JsonValue v && v.GetValueKind() == JsonValueKind.String && Rfc3339.TryParse(v.GetValue<string>(), out var time)
            ? JsonValue.Create(HumanDuration.Since(time, now))
            : cell?.DeepClone();
}
