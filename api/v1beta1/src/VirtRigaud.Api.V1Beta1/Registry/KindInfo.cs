using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// Everything the API server, clients and tools need to know about one kind of this group: names (as discovery
/// publishes them), its CLR type and JSON contract, its structural schema, printer columns, subresources and the
/// cross-field validation the schema cannot express.
/// </summary>
public sealed class KindInfo
{
    private readonly Lazy<OpenApiSchema> _schema;
    private readonly Action<object, FieldErrorList> _validate;

    internal KindInfo(
        string kind,
        string plural,
        string singular,
        IReadOnlyList<string> shortNames,
        JsonTypeInfo typeInfo,
        IReadOnlyList<PrinterColumn> printerColumns,
        ScaleSubresourcePaths? scale,
        Action<object, FieldErrorList> validate)
    {
        Kind = kind;
        Plural = plural;
        Singular = singular;
        ShortNames = shortNames;
        TypeInfo = typeInfo;
        PrinterColumns = printerColumns;
        Scale = scale;
        _validate = validate;
        _schema = new Lazy<OpenApiSchema>(() => new SchemaGenerator(V1Beta1JsonContext.Default.Options).GenerateRoot(typeInfo.Type));
    }

    /// <summary>The kind, e.g. <c>VirtualMachine</c>.</summary>
    public string Kind { get; }

    /// <summary>The list kind, e.g. <c>VirtualMachineList</c>.</summary>
    public string ListKind => Kind + "List";

    /// <summary>The resource name, e.g. <c>virtualmachines</c>.</summary>
    public string Plural { get; }

    public string Singular { get; }

    public IReadOnlyList<string> ShortNames { get; }

    /// <summary>Every kind of this group is namespaced.</summary>
    public bool Namespaced => true;

    public string Group => GroupInfo.Group;

    public string Version => GroupInfo.Version;

    public GroupVersionKind GroupVersionKind => new(Group, Version, Kind);

    public GroupVersionResource GroupVersionResource => new(Group, Version, Plural);

    /// <summary>The CLR type of the kind.</summary>
    public Type Type => TypeInfo.Type;

    /// <summary>The source-generated JSON contract of <see cref="Type"/>.</summary>
    public JsonTypeInfo TypeInfo { get; }

    /// <summary>The structural schema generated from <see cref="Type"/> (cached).</summary>
    public OpenApiSchema Schema => _schema.Value;

    /// <summary>Columns for <c>kubectl get</c>, after the implicit Name column.</summary>
    public IReadOnlyList<PrinterColumn> PrinterColumns { get; }

    /// <summary>The scale subresource, if the kind has one.</summary>
    public ScaleSubresourcePaths? Scale { get; }

    /// <summary>Runs the kind's cross-field rules on a typed object that already passed schema validation.</summary>
    public void Validate(object obj, FieldErrorList errors)
    {
        if (!Type.IsInstanceOfType(obj))
        {
            throw new ArgumentException($"expected a {Kind}, got {obj.GetType().Name}", nameof(obj));
        }

        _validate(obj, errors);
    }

    /// <summary>The Table cells of one object, aligned with <see cref="PrinterColumns"/>.</summary>
    public IReadOnlyList<JsonNode?> Cells(JsonNode obj) => PrinterColumns.Select(c => c.Cell(obj)).ToList();

    public override string ToString() => $"{Plural}.{Group}";
}
