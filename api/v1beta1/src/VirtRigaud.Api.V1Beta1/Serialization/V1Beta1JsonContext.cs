using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The one source-generated JSON contract of <c>infra.virtrigaud.io/v1beta1</c>: every kind, its list and its watch
/// event. Absent (null) values are omitted, so an unset field stays unset and an explicit <c>false</c> is written.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(Rfc3339TimeConverter)])]
[JsonSerializable(typeof(VirtualMachine))]
[JsonSerializable(typeof(VMClass))]
[JsonSerializable(typeof(VMImage))]
[JsonSerializable(typeof(VMNetworkAttachment))]
[JsonSerializable(typeof(Provider))]
[JsonSerializable(typeof(VMMigration))]
[JsonSerializable(typeof(VMSnapshot))]
[JsonSerializable(typeof(VMClone))]
[JsonSerializable(typeof(VMSet))]
[JsonSerializable(typeof(VMPlacementPolicy))]
// core/v1 LocalObjectReference shares its simple name with ours; give its contract distinct names.
[JsonSerializable(typeof(Machinery.Core.LocalObjectReference), TypeInfoPropertyName = "CoreLocalObjectReference")]
[JsonSerializable(typeof(IReadOnlyList<Machinery.Core.LocalObjectReference>), TypeInfoPropertyName = "CoreLocalObjectReferenceList")]
[JsonSerializable(typeof(ObjectList<VirtualMachine>))]
[JsonSerializable(typeof(ObjectList<VMClass>))]
[JsonSerializable(typeof(ObjectList<VMImage>))]
[JsonSerializable(typeof(ObjectList<VMNetworkAttachment>))]
[JsonSerializable(typeof(ObjectList<Provider>))]
[JsonSerializable(typeof(ObjectList<VMMigration>))]
[JsonSerializable(typeof(ObjectList<VMSnapshot>))]
[JsonSerializable(typeof(ObjectList<VMClone>))]
[JsonSerializable(typeof(ObjectList<VMSet>))]
[JsonSerializable(typeof(ObjectList<VMPlacementPolicy>))]
[JsonSerializable(typeof(WatchEvent<VirtualMachine>))]
[JsonSerializable(typeof(WatchEvent<VMClass>))]
[JsonSerializable(typeof(WatchEvent<VMImage>))]
[JsonSerializable(typeof(WatchEvent<VMNetworkAttachment>))]
[JsonSerializable(typeof(WatchEvent<Provider>))]
[JsonSerializable(typeof(WatchEvent<VMMigration>))]
[JsonSerializable(typeof(WatchEvent<VMSnapshot>))]
[JsonSerializable(typeof(WatchEvent<VMClone>))]
[JsonSerializable(typeof(WatchEvent<VMSet>))]
[JsonSerializable(typeof(WatchEvent<VMPlacementPolicy>))]
public sealed partial class V1Beta1JsonContext : JsonSerializerContext;
