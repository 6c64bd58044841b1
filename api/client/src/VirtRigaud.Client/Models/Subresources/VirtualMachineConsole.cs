using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.Subresources;

/// <summary>The answer of <c>GET …/virtualmachines/{name}/console</c>: the console endpoint the provider reported.</summary>
public sealed record VirtualMachineConsole : IKubernetesObject
{
    public const string KindName = "VirtualMachineConsole";

    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }

    [JsonPropertyName("metadata")]
    public ObjectMeta Metadata { get; init => field = value ?? new(); } = new();

    /// <summary>The console URL (vnc://, https://…).</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }
}
