using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Apiserver.Registry.Builtin.Secrets;

/// <summary>The Go type of core/v1 Secret (k8s.io/api/core/v1), field by field.</summary>
internal static class SecretTypes
{
    public const string DefinitionName = "io.k8s.api.core.v1.Secret";
    public const string ListDefinitionName = "io.k8s.api.core.v1.SecretList";

    public static GoStructType Secret { get; } = new()
    {
        Name = "Secret",
        DefinitionName = DefinitionName,
        Kind = new GroupVersionKind("", "v1", "Secret"),
        Description = "Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.",
        Fields =
        [
            new("metadata", 1, GoObjectMetaType.Instance, "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"),
            new("immutable", 5, GoScalarType.Bool, "Immutable, if set to true, ensures that data stored in the Secret cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil.") { Pointer = true },
            new("data", 2, new GoMapType(GoScalarType.Bytes), "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4"),
            new("stringData", 4, new GoMapType(GoScalarType.String), "stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience. All keys and values are merged into the data field on write, overwriting any existing values. The stringData field is never output when reading from the API."),
            new("type", 3, GoScalarType.String, "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types"),
        ],
    };
}
