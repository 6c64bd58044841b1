using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Resource;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 ResourceFieldSelector: a container's resource limit or request, for the downward API.</summary>
[MapType("atomic")]
public sealed record ResourceFieldSelector
{
    /// <summary>Required for volumes, optional for environment variables (then the current container).</summary>
    [JsonPropertyName("containerName")]
    public string? ContainerName { get; init; }

    /// <summary>The unit the value is expressed in (the value is divided by it and rounded up); Kubernetes defaults it to <c>1</c>.</summary>
    [JsonPropertyName("divisor")]
    public Quantity? Divisor { get; init; }

    /// <summary>e.g. <c>limits.cpu</c>, <c>requests.memory</c>.</summary>
    [JsonPropertyName("resource")]
    public required string Resource { get; init; }
}
