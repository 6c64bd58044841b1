using System.Text.Json.Nodes;

namespace VirtRigaud.Api.Machinery.Schema;

/// <summary>
/// One node of a structural OpenAPI v3 schema (the subset apiextensions.k8s.io/v1 JSONSchemaProps allows in a
/// structural schema, plus the <c>x-kubernetes-*</c> extensions). Built by <see cref="SchemaGenerator"/> from C# types,
/// parsed from CRDs by <see cref="OpenApiSchemaJson"/>, enforced on JSON by <see cref="StructuralValidator"/> and
/// <see cref="StructuralDefaulter"/>. Treat instances as immutable once built.
/// </summary>
public sealed class OpenApiSchema
{
    public string? Type { get; set; }

    public string? Format { get; set; }

    public string? Description { get; set; }

    /// <summary>Object properties in declaration order.</summary>
    public Dictionary<string, OpenApiSchema>? Properties { get; set; }

    public List<string>? Required { get; set; }

    public OpenApiSchema? Items { get; set; }

    public OpenApiSchema? AdditionalProperties { get; set; }

    /// <summary>Allowed values (JSON literals).</summary>
    public List<JsonNode?>? Enum { get; set; }

    public JsonNode? Default { get; set; }

    public long? Minimum { get; set; }

    public long? Maximum { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public int? MinItems { get; set; }

    public int? MaxItems { get; set; }

    public int? MaxProperties { get; set; }

    public string? Pattern { get; set; }

    public bool Nullable { get; set; }

    /// <summary><c>anyOf</c> branches; structural schemas use it only for int-or-string.</summary>
    public List<OpenApiSchema>? AnyOf { get; set; }

    /// <summary><c>allOf</c> branches (controller-gen emits them for a typed enum with a field-level enum).</summary>
    public List<OpenApiSchema>? AllOf { get; set; }

    public bool IntOrString { get; set; }

    public bool PreserveUnknownFields { get; set; }

    public bool EmbeddedResource { get; set; }

    public string? ListType { get; set; }

    public List<string>? ListMapKeys { get; set; }

    public string? MapType { get; set; }

    /// <summary>Not published: what the value means beyond its type (see <see cref="SchemaValueKind"/>).</summary>
    public SchemaValueKind ValueKind { get; set; }

    /// <summary>The enum values, whether given directly or (as controller-gen does) through <c>allOf</c> branches.</summary>
    public IReadOnlyList<JsonNode?>? EffectiveEnum
    {
        get
        {
            if (Enum is not null)
            {
                return Enum;
            }

            // allOf of enums: a value must be in every branch.
            List<JsonNode?>? result = null;
            foreach (var branch in AllOf ?? [])
            {
                if (branch.Enum is null)
                {
                    continue;
                }

                result = result is null
                    ? [.. branch.Enum]
                    : result.Where(v => branch.Enum.Any(b => JsonNode.DeepEquals(b, v))).ToList();
            }

            return result;
        }
    }

    /// <summary>A deep copy.</summary>
    public OpenApiSchema Clone() => OpenApiSchemaJson.FromJson(OpenApiSchemaJson.ToJson(this, includeInternal: true), includeInternal: true);
}
