namespace VirtRigaud.Apiserver.Registry.Builtin;

/// <summary>
/// metav1.ObjectMeta as k8s.io/apimachinery's generated.proto numbers its fields, for decoding protobuf request bodies
/// (<see cref="GoProtobuf"/>). The JSON side of ObjectMeta is not described here: the generic store validates it.
/// </summary>
internal static class ObjectMetaProto
{
    private static readonly GoStructType OwnerReference = new()
    {
        Name = "OwnerReference",
        DefinitionName = "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference",
        Description = "OwnerReference contains enough information to let you identify an owning object.",
        Fields =
        [
            new("apiVersion", 5, GoScalarType.String, ""),
            new("kind", 1, GoScalarType.String, ""),
            new("name", 3, GoScalarType.String, ""),
            new("uid", 4, GoScalarType.String, ""),
            new("controller", 6, GoScalarType.Bool, "") { Pointer = true },
            new("blockOwnerDeletion", 7, GoScalarType.Bool, "") { Pointer = true },
        ],
    };

    private static readonly GoStructType ManagedFieldsEntry = new()
    {
        Name = "ManagedFieldsEntry",
        DefinitionName = "io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry",
        Description = "ManagedFieldsEntry is a workflow-id, a FieldSet and the group version of the resource that the fieldset applies to.",
        Fields =
        [
            new("manager", 1, GoScalarType.String, ""),
            new("operation", 2, GoScalarType.String, ""),
            new("apiVersion", 3, GoScalarType.String, ""),
            new("time", 4, GoScalarType.Time, "") { Pointer = true },
            new("fieldsType", 6, GoScalarType.String, ""),
            new("fieldsV1", 7, GoRawJsonType.Instance, "") { Pointer = true },
            new("subresource", 8, GoScalarType.String, ""),
        ],
    };

    /// <summary>ObjectMeta's fields by protobuf number.</summary>
    public static GoStructType ObjectMeta { get; } = new()
    {
        Name = "ObjectMeta",
        DefinitionName = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        Description = "ObjectMeta is metadata that all persisted resources must have.",
        Fields =
        [
            new("name", 1, GoScalarType.String, ""),
            new("generateName", 2, GoScalarType.String, ""),
            new("namespace", 3, GoScalarType.String, ""),
            new("selfLink", 4, GoScalarType.String, ""),
            new("uid", 5, GoScalarType.String, ""),
            new("resourceVersion", 6, GoScalarType.String, ""),
            new("generation", 7, GoScalarType.Int64, ""),
            new("creationTimestamp", 8, GoScalarType.Time, ""),
            new("deletionTimestamp", 9, GoScalarType.Time, "") { Pointer = true },
            new("deletionGracePeriodSeconds", 10, GoScalarType.Int64, "") { Pointer = true },
            new("labels", 11, new GoMapType(GoScalarType.String), ""),
            new("annotations", 12, new GoMapType(GoScalarType.String), ""),
            new("ownerReferences", 13, new GoSliceType(OwnerReference), ""),
            new("finalizers", 14, new GoSliceType(GoScalarType.String), ""),
            new("managedFields", 17, new GoSliceType(ManagedFieldsEntry), ""),
        ],
    };
}
