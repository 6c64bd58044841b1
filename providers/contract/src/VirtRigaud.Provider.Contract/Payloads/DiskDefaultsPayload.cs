using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// contracts.DiskDefaults inside ClassPayload. Go field names, every field always written (no json tags upstream); see
/// GoJson for the encoding rules.
/// </summary>
public sealed record DiskDefaultsPayload
{
    [JsonPropertyName("Type")]
    public string Type { get; init; } = "";

    /// <summary>Root disk size in GiB (bytes / 1 GiB, truncated).</summary>
    [JsonPropertyName("SizeGiB")]
    public int SizeGiB { get; init; }
}
