using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Apiserver.Registry.Builtin.Namespaces;

/// <summary>The Go types of core/v1 Namespace (k8s.io/api/core/v1), for its OpenAPI definitions and decoding.</summary>
internal static class NamespaceTypes
{
    public const string DefinitionName = "io.k8s.api.core.v1.Namespace";
    public const string ListDefinitionName = "io.k8s.api.core.v1.NamespaceList";

    public static GoStructType NamespaceSpec { get; } = new()
    {
        Name = "NamespaceSpec",
        DefinitionName = "io.k8s.api.core.v1.NamespaceSpec",
        Description = "NamespaceSpec describes the attributes on a Namespace.",
        Fields =
        [
            new("finalizers", 1, new GoSliceType(GoScalarType.String), "Finalizers is an opaque list of values that must be empty to permanently remove object from storage. More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/"),
        ],
    };

    public static GoStructType NamespaceCondition { get; } = new()
    {
        Name = "NamespaceCondition",
        DefinitionName = "io.k8s.api.core.v1.NamespaceCondition",
        Description = "NamespaceCondition contains details about state of namespace.",
        Fields =
        [
            new("type", 1, GoScalarType.String, "Type of namespace controller condition.") { OmitEmpty = false, Required = true },
            new("status", 2, GoScalarType.String, "Status of the condition, one of True, False, Unknown.") { OmitEmpty = false, Required = true },
            new("lastTransitionTime", 4, GoScalarType.Time, "Last time the condition transitioned from one status to another."),
            new("reason", 5, GoScalarType.String, "Unique, one-word, CamelCase reason for the condition's last transition."),
            new("message", 6, GoScalarType.String, "Human-readable message indicating details about last transition."),
        ],
    };

    public static GoStructType NamespaceStatus { get; } = new()
    {
        Name = "NamespaceStatus",
        DefinitionName = "io.k8s.api.core.v1.NamespaceStatus",
        Description = "NamespaceStatus is information about the current status of a Namespace.",
        Fields =
        [
            new("phase", 1, GoScalarType.String, "Phase is the current lifecycle phase of the namespace (Active, Terminating). More info: https://kubernetes.io/docs/tasks/administer-cluster/namespaces/"),
            new("conditions", 2, new GoSliceType(NamespaceCondition), "Represents the latest available observations of a namespace's current state."),
        ],
    };

    public static GoStructType Namespace { get; } = new()
    {
        Name = "Namespace",
        DefinitionName = DefinitionName,
        Kind = new GroupVersionKind("", "v1", "Namespace"),
        Description = "Namespace provides a scope for Names. Use of multiple namespaces is optional.",
        Fields =
        [
            new("metadata", 1, GoObjectMetaType.Instance, "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
            new("spec", 2, NamespaceSpec, "Spec defines the behavior of the Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"),
            new("status", 3, NamespaceStatus, "Status describes the current status of a Namespace. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"),
        ],
    };

    /// <summary>The structural schema of Namespace (managed fields are recorded with it).</summary>
    public static OpenApiSchema Schema { get; } = GoTypeSchemas.Structural(Namespace);
}
