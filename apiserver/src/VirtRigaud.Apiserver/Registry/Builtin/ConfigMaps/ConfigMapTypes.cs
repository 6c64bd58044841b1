using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Apiserver.Registry.Builtin.ConfigMaps;

/// <summary>The Go type of core/v1 ConfigMap (k8s.io/api/core/v1), field by field.</summary>
internal static class ConfigMapTypes
{
    public const string DefinitionName = "io.k8s.api.core.v1.ConfigMap";
    public const string ListDefinitionName = "io.k8s.api.core.v1.ConfigMapList";

    public static GoStructType ConfigMap { get; } = new()
    {
        Name = "ConfigMap",
        DefinitionName = DefinitionName,
        Kind = new GroupVersionKind("", "v1", "ConfigMap"),
        Description = "ConfigMap holds configuration data for pods to consume.",
        Fields =
        [
            new("metadata", 1, GoObjectMetaType.Instance, "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
            new("immutable", 4, GoScalarType.Bool, "Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil.") { Pointer = true },
            new("data", 2, new GoMapType(GoScalarType.String), "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process."),
            new("binaryData", 3, new GoMapType(GoScalarType.Bytes), "BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'. BinaryData can contain byte sequences that are not in the UTF-8 range. The keys stored in BinaryData must not overlap with the ones in the Data field, this is enforced during validation process."),
        ],
    };
}
