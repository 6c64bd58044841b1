using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 GRPCAction: a call to the standard gRPC health checking service; <c>SERVING</c> is success.</summary>
public sealed record GRPCAction
{
    /// <summary>The port number (1–65535); unlike HTTP and TCP probes, a named port is not allowed.</summary>
    [JsonPropertyName("port")]
    public required int Port { get; init; }

    /// <summary>The service name sent in the <c>HealthCheckRequest</c>; empty asks about the server as a whole.</summary>
    [JsonPropertyName("service")]
    [Default("")]
    public string? Service { get; init; }
}
