using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 SecurityContext: container-level security settings; they override the pod's where both are set.</summary>
public sealed record SecurityContext
{
    /// <summary>Whether a process may gain more privileges than its parent (the <c>no_new_privs</c> flag).</summary>
    [JsonPropertyName("allowPrivilegeEscalation")]
    public bool? AllowPrivilegeEscalation { get; init; }

    [JsonPropertyName("appArmorProfile")]
    public AppArmorProfile? AppArmorProfile { get; init; }

    [JsonPropertyName("capabilities")]
    public Capabilities? Capabilities { get; init; }

    [JsonPropertyName("privileged")]
    public bool? Privileged { get; init; }

    /// <summary><c>Default</c> or <c>Unmasked</c>: how <c>/proc</c> is masked.</summary>
    [JsonPropertyName("procMount")]
    public string? ProcMount { get; init; }

    [JsonPropertyName("readOnlyRootFilesystem")]
    public bool? ReadOnlyRootFilesystem { get; init; }

    [JsonPropertyName("runAsGroup")]
    public long? RunAsGroup { get; init; }

    /// <summary>When true the kubelet refuses to start a container whose image would run as UID 0.</summary>
    [JsonPropertyName("runAsNonRoot")]
    public bool? RunAsNonRoot { get; init; }

    [JsonPropertyName("runAsUser")]
    public long? RunAsUser { get; init; }

    [JsonPropertyName("seLinuxOptions")]
    public SELinuxOptions? SELinuxOptions { get; init; }

    [JsonPropertyName("seccompProfile")]
    public SeccompProfile? SeccompProfile { get; init; }

    [JsonPropertyName("windowsOptions")]
    public WindowsSecurityContextOptions? WindowsOptions { get; init; }
}
