using System.Text.Json;
using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Discovery;

namespace VirtRigaud.Api.Machinery.Serialization;

/// <summary>
/// The source-generated JSON contract of the meta.k8s.io/v1, autoscaling/v1 and discovery types. Absent values are
/// omitted; times are metav1.Time.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(Rfc3339TimeConverter)],
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(ObjectMeta))]
[JsonSerializable(typeof(TypeMeta))]
[JsonSerializable(typeof(ListMeta))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(Table))]
[JsonSerializable(typeof(PartialObjectMetadata))]
[JsonSerializable(typeof(PartialObjectMetadataList))]
[JsonSerializable(typeof(WatchEvent<PartialObjectMetadata>))]
[JsonSerializable(typeof(WatchEvent<Table>))]
[JsonSerializable(typeof(WatchEvent<JsonElement>))]
[JsonSerializable(typeof(WatchEvent<Status>))]
[JsonSerializable(typeof(Scale))]
[JsonSerializable(typeof(ApiResourceList))]
[JsonSerializable(typeof(ApiGroup))]
[JsonSerializable(typeof(ApiGroupList))]
[JsonSerializable(typeof(ApiVersions))]
[JsonSerializable(typeof(Condition))]
[JsonSerializable(typeof(LabelSelector))]
public sealed partial class MachineryJsonContext : JsonSerializerContext;
