using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.CoreV1;

/// <summary>core/v1 ServicePort.</summary>
public sealed record ServicePort
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>TCP (default), UDP or SCTP.</summary>
    [JsonPropertyName("protocol")]
    public string? Protocol { get; init; }

    [JsonPropertyName("appProtocol")]
    public string? AppProtocol { get; init; }

    [JsonPropertyName("port")]
    public required int Port { get; init; }

    /// <summary>The pod port, by number or name.</summary>
    [JsonPropertyName("targetPort")]
    public IntOrString? TargetPort { get; init; }

    [JsonPropertyName("nodePort")]
    public int? NodePort { get; init; }
}
