using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;
using Core = VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The provider pod: the manager runs one Deployment and Service per Provider from these settings. Probes,
/// pull secrets and the pull policy are declared here but upstream always uses its own probes and no pull secrets.
/// </summary>
public sealed record ProviderRuntimeSpec
{
    [JsonPropertyName("mode")]
    [Default("Remote")]
    public ProviderRuntimeMode? Mode { get; init; }

    /// <summary>
    /// The provider image, e.g. <c>ghcr.io/projectbeskar/virtrigaud/provider-libvirt:v0.3.11</c>. Required in Remote
    /// mode (upstream requires it always); refused in Local and External mode, where no pod is built.
    /// </summary>
    [JsonPropertyName("image")]
    [Pattern(@"^[a-zA-Z0-9._/-]+(:[a-zA-Z0-9._-]+)?(@[a-zA-Z0-9]+:[a-fA-F0-9]{64})?$")]
    public string? Image { get; init; }

    /// <summary>
    /// Our addition, External mode only (and required there): the provider's gRPC address as <c>host:port</c>, e.g.
    /// <c>provider.example.com:9443</c> or <c>127.0.0.1:9443</c>. The TLS server name checked is the host.
    /// </summary>
    [JsonPropertyName("endpoint")]
    [MaxLength(253)]
    public string? Endpoint { get; init; }

    [JsonPropertyName("imagePullPolicy")]
    [Enum("Always", "Never", "IfNotPresent")]
    [Default("IfNotPresent")]
    public string? ImagePullPolicy { get; init; }

    [JsonPropertyName("imagePullSecrets")]
    [MaxItems(10)]
    public IReadOnlyList<Core.LocalObjectReference>? ImagePullSecrets { get; init; }

    [JsonPropertyName("replicas")]
    [Minimum(1)]
    [Maximum(10)]
    [Default(1)]
    public int? Replicas { get; init; }

    [JsonPropertyName("service")]
    public ProviderServiceSpec? Service { get; init; }

    /// <summary>Replaces the default requests (100m, 128Mi) and limits (1, 512Mi) as a whole.</summary>
    [JsonPropertyName("resources")]
    public Core.ResourceRequirements? Resources { get; init; }

    [JsonPropertyName("nodeSelector")]
    public IReadOnlyDictionary<string, string>? NodeSelector { get; init; }

    [JsonPropertyName("tolerations")]
    [MaxItems(20)]
    public IReadOnlyList<Core.Toleration>? Tolerations { get; init; }

    [JsonPropertyName("affinity")]
    public Core.Affinity? Affinity { get; init; }

    /// <summary>
    /// The container's security context; replaces the default (non-root 65532, read-only root file system, no
    /// privilege escalation, all capabilities dropped) as a whole.
    /// </summary>
    [JsonPropertyName("securityContext")]
    public Core.SecurityContext? SecurityContext { get; init; }

    [JsonPropertyName("logLevel")]
    [Enum("debug", "info", "warn", "error")]
    [Default("info")]
    public string? LogLevel { get; init; }

    [JsonPropertyName("logFormat")]
    [Enum("text", "json")]
    [Default("text")]
    public string? LogFormat { get; init; }

    /// <summary>Extra environment, appended after the manager's own variables (the provider escape hatches live here).</summary>
    [JsonPropertyName("env")]
    [MaxItems(50)]
    public IReadOnlyList<Core.EnvVar>? Env { get; init; }

    [JsonPropertyName("livenessProbe")]
    public Core.Probe? LivenessProbe { get; init; }

    [JsonPropertyName("readinessProbe")]
    public Core.Probe? ReadinessProbe { get; init; }
}
