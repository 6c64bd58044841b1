using System.Text.Json.Serialization;
using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Client.Models.Subresources;

/// <summary>
/// The body of <c>POST …/virtualmachines/{name}/power</c> (apiserver/docs/subresources.md): <see cref="PowerAction"/>
/// <c>On</c>, <c>Off</c> and <c>OffGraceful</c> set <c>spec.powerState</c>; <c>Reboot</c> requests one reboot.
/// </summary>
public sealed record VirtualMachinePowerRequest
{
    public const string KindName = "VirtualMachinePowerRequest";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = GroupInfo.ApiVersion;

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = KindName;

    /// <summary>One of <see cref="PowerAction"/>.</summary>
    [JsonPropertyName("action")]
    public required string Action { get; init; }
}
