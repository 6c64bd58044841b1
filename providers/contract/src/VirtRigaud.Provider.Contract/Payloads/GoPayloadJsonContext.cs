using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// The source-generated contract of the payloads ProviderPayloads reads and writes itself. Reading is
/// case-insensitive and ignores unknown members, as Go's <c>json.Unmarshal</c>; writing goes through a JSON tree that
/// <see cref="GoJson"/> prints, so nothing is left out here (the shapes decide what Go would omit).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    Converters = [typeof(GoStringConverter)])]
[JsonSerializable(typeof(ClassPayload))]
[JsonSerializable(typeof(ImagePayload))]
[JsonSerializable(typeof(IReadOnlyList<NetworkAttachmentPayload>))]
[JsonSerializable(typeof(IReadOnlyList<DiskPayload>))]
[JsonSerializable(typeof(PlacementPayload))]
[JsonSerializable(typeof(ReconfigureDesiredPayload))]
[JsonSerializable(typeof(StorageOptionsPayload))]
[JsonSerializable(typeof(ClonePlacementPayload))]
internal sealed partial class GoPayloadJsonContext : JsonSerializerContext;
