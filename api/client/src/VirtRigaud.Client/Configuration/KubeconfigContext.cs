using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>A kubeconfig context: which cluster, as which user, in which default namespace.</summary>
public sealed record KubeconfigContext
{
    [JsonPropertyName("cluster")]
    public string? Cluster { get; init; }

    [JsonPropertyName("user")]
    public string? User { get; init; }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("extensions")]
    public JsonArray? Extensions { get; init; }
}
