using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Authentication;

/// <summary>What the client tells the plugin (in <c>KUBERNETES_EXEC_INFO</c>).</summary>
internal sealed record ExecCredentialSpec
{
    [JsonPropertyName("cluster")]
    public ExecCluster? Cluster { get; init; }

    // Always written: false tells the plugin it has no terminal.
    [JsonPropertyName("interactive")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public bool Interactive { get; init; }
}
