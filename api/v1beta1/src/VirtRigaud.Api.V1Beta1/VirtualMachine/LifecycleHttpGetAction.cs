using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>An HTTP GET issued by a lifecycle hook.</summary>
public sealed record LifecycleHttpGetAction
{
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    [JsonPropertyName("port")]
    [Minimum(1)]
    [Maximum(65535)]
    public required int Port { get; init; }

    /// <summary>The host to connect to; absent means the VM's IP.</summary>
    [JsonPropertyName("host")]
    public string? Host { get; init; }

    [JsonPropertyName("scheme")]
    [Enum("HTTP", "HTTPS")]
    [Default("HTTP")]
    public string? Scheme { get; init; }
}
