using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>
/// contracts.MetaData inside ReconfigureDesiredPayload. Go field names, every field always written (no json tags
/// upstream); see GoJson for the encoding rules.
/// </summary>
public sealed record MetaDataPayload
{
    [JsonPropertyName("MetaDataYAML")]
    public string MetaDataYaml { get; init; } = "";
}
