using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 HTTPGetAction: an HTTP GET; a status from 200 to 399 is success.</summary>
public sealed record HTTPGetAction
{
    /// <summary>The host to connect to; the pod IP when absent (set a <c>Host</c> header for virtual hosts instead).</summary>
    [JsonPropertyName("host")]
    public string? Host { get; init; }

    [JsonPropertyName("httpHeaders")]
    [ListType("atomic")]
    public IReadOnlyList<HTTPHeader>? HttpHeaders { get; init; }

    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>A port number (1–65535) or the name of a container port (IANA_SVC_NAME).</summary>
    [JsonPropertyName("port")]
    public required IntOrString Port { get; init; }

    /// <summary><c>HTTP</c> (the Kubernetes default) or <c>HTTPS</c>.</summary>
    [JsonPropertyName("scheme")]
    public string? Scheme { get; init; }
}
