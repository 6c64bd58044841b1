using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// One element of CreateRequest.disks_json (a JSON array): upstream contracts.DiskSpec. Go field names, every field
/// always written (no json tags upstream); see GoJson for the encoding rules.
/// </summary>
public sealed record DiskPayload
{
    [JsonPropertyName("SizeGiB")]
    public int SizeGiB { get; init; }

    [JsonPropertyName("Type")]
    public string Type { get; init; } = "";

    [JsonPropertyName("Name")]
    public string Name { get; init; } = "";
}
