using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// A Go struct of a built-in API type: its fields in declaration order (Go encodes them in that order), the package
/// it lives in (for decode errors: <c>v1.LeaseSpec</c>) and its OpenAPI definition name. A top-level kind carries its
/// group/version/kind; <c>apiVersion</c> and <c>kind</c> (TypeMeta) are then implied and written first.
/// </summary>
internal sealed class GoStructType : GoType
{
    public required string Name { get; init; }

    /// <summary>The Go package name (<c>v1</c> for core/v1, coordination/v1, events/v1 and meta/v1).</summary>
    public string Package { get; init; } = "v1";

    /// <summary>The OpenAPI definition name, e.g. <c>io.k8s.api.core.v1.ObjectReference</c>.</summary>
    public required string DefinitionName { get; init; }

    public required string Description { get; init; }

    public required IReadOnlyList<GoField> Fields { get; init; }

    /// <summary>The kind this struct is, for top-level API objects (TypeMeta inline); null for nested structs.</summary>
    public GroupVersionKind? Kind { get; init; }

    /// <inheritdoc />
    public override string GoName => Package + "." + Name;

    /// <summary>The field with JSON name <paramref name="name"/>, or null.</summary>
    public GoField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);
}
