using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>
/// A kubeconfig file (clientcmd/api/v1 <c>Config</c>): clusters, users and contexts, each a named entry, and the
/// current context. Immutable; <see cref="KubeconfigLoader"/> reads and merges files into one value.
/// </summary>
public sealed record Kubeconfig
{
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; init; } = "v1";

    [JsonPropertyName("kind")]
    public string? Kind { get; init; } = "Config";

    /// <summary>Kept as is (kubectl's colors and the like); the client does not use it.</summary>
    [JsonPropertyName("preferences")]
    public JsonObject? Preferences { get; init; }

    [JsonPropertyName("clusters")]
    public IReadOnlyList<NamedCluster> Clusters { get; init => field = value ?? []; } = [];

    [JsonPropertyName("users")]
    public IReadOnlyList<NamedUser> Users { get; init => field = value ?? []; } = [];

    [JsonPropertyName("contexts")]
    public IReadOnlyList<NamedContext> Contexts { get; init => field = value ?? []; } = [];

    /// <summary>The context used when none is named explicitly.</summary>
    [JsonPropertyName("current-context")]
    public string? CurrentContext { get; init; }

    [JsonPropertyName("extensions")]
    public JsonArray? Extensions { get; init; }

    /// <summary>The cluster named <paramref name="name"/> (the last entry with that name, as client-go decodes a file).</summary>
    public KubeconfigCluster? FindCluster(string name) => Clusters.LastOrDefault(c => c.Name == name)?.Cluster;

    /// <summary>The user named <paramref name="name"/> (the last entry with that name).</summary>
    public KubeconfigUser? FindUser(string name) => Users.LastOrDefault(u => u.Name == name)?.User;

    /// <summary>The context named <paramref name="name"/> (the last entry with that name).</summary>
    public KubeconfigContext? FindContext(string name) => Contexts.LastOrDefault(c => c.Name == name)?.Context;
}
