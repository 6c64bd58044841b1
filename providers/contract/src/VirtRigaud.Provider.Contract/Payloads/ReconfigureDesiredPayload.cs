using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// ReconfigureRequest.desired_json: the whole upstream contracts.CreateRequest describing the desired VM. Providers
/// read Class.CPU and Class.MemoryMiB (and disks) from it. UserData may hold secrets: never log this payload. Go field
/// names, every field always written (no json tags upstream); see GoJson for the encoding rules.
/// </summary>
public sealed record ReconfigureDesiredPayload
{
    [JsonPropertyName("Name")]
    public string Name { get; init; } = "";

    [JsonPropertyName("Class")]
    public ClassPayload Class { get; init; } = new();

    [JsonPropertyName("Image")]
    public ImagePayload Image { get; init; } = new();

    /// <summary>null when the manager had none (Go nil slice).</summary>
    [JsonPropertyName("Networks")]
    public IReadOnlyList<NetworkAttachmentPayload>? Networks { get; init; }

    [JsonPropertyName("Disks")]
    public IReadOnlyList<DiskPayload>? Disks { get; init; }

    [JsonPropertyName("UserData")]
    public UserDataPayload? UserData { get; init; }

    [JsonPropertyName("MetaData")]
    public MetaDataPayload? MetaData { get; init; }

    [JsonPropertyName("Placement")]
    public PlacementPayload? Placement { get; init; }

    [JsonPropertyName("Tags")]
    public IReadOnlyList<string>? Tags { get; init; }
}
