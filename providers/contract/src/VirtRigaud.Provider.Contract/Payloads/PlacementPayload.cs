using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// CreateRequest.placement_json: upstream contracts.Placement (the manager sends an empty string when the VM has no
/// placement, and never sets Host). Go field names, every field always written (no json tags upstream); see GoJson for
/// the encoding rules.
/// </summary>
public sealed record PlacementPayload
{
    [JsonPropertyName("Datastore")]
    public string Datastore { get; init; } = "";

    [JsonPropertyName("StoragePod")]
    public string StoragePod { get; init; } = "";

    [JsonPropertyName("Cluster")]
    public string Cluster { get; init; } = "";

    [JsonPropertyName("Folder")]
    public string Folder { get; init; } = "";

    [JsonPropertyName("Host")]
    public string Host { get; init; } = "";
}
