using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// contracts.UserData inside ReconfigureDesiredPayload. Holds rendered cloud-init: a secret, never logged. Go field
/// names, every field always written (no json tags upstream); see GoJson for the encoding rules.
/// </summary>
public sealed record UserDataPayload
{
    [JsonPropertyName("CloudInitData")]
    public string CloudInitData { get; init; } = "";

    [JsonPropertyName("Type")]
    public string Type { get; init; } = "";
}
