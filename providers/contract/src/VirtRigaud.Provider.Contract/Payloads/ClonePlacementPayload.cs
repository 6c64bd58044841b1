using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Contract.Payloads;

/// <summary>CloneRequest.placement_json: <c>{"name":"&lt;placement policy name&gt;"}</c> (VMClone spec.target.placementRef).</summary>
public sealed record ClonePlacementPayload
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }
}
