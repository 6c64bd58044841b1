using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 TCPSocketAction: a TCP connect; an established connection is success.</summary>
public sealed record TCPSocketAction
{
    /// <summary>The host to connect to; the pod IP when absent.</summary>
    [JsonPropertyName("host")]
    public string? Host { get; init; }

    /// <summary>A port number (1–65535) or the name of a container port (IANA_SVC_NAME).</summary>
    [JsonPropertyName("port")]
    public required IntOrString Port { get; init; }
}
