using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The desired hypervisor connection and provider runtime of a <see cref="Provider"/>.</summary>
public sealed record ProviderSpec
{
    [JsonPropertyName("type")]
    public required ProviderType Type { get; init; }

    /// <summary>
    /// The hypervisor's endpoint: a libvirt URI (<c>qemu:///system</c>, <c>qemu+ssh://user@host/system</c>) or an
    /// HTTPS URL (<c>https://vcenter/sdk</c>, <c>https://pve:8006</c>).
    /// </summary>
    [JsonPropertyName("endpoint")]
    [Pattern(@"^((https?://[a-zA-Z0-9.-]+(:[0-9]+)?(/.*)?|(tcp|grpc)://[a-zA-Z0-9.-]+:[0-9]+(/.*)?)|qemu(\+ssh|\+tcp|\+tls)?://([a-zA-Z0-9@.-]+(:[0-9]+)?)?(/.*))$")]
    public required string Endpoint { get; init; }

    /// <summary>
    /// The Secret with the hypervisor credentials, mounted into the provider pod; it must live in the Provider's
    /// namespace.
    /// </summary>
    [JsonPropertyName("credentialSecretRef")]
    public required ObjectRef CredentialSecretRef { get; init; }

    /// <summary>
    /// Skip verifying the hypervisor API's TLS certificate (vSphere, Proxmox). Documented upstream as deprecated, but
    /// it is what the provider pod receives as <c>TLS_INSECURE_SKIP_VERIFY</c>; the manager-to-provider setting is
    /// <c>runtime.service.tls.insecureSkipVerify</c>.
    /// </summary>
    [JsonPropertyName("insecureSkipVerify")]
    [Default(false)]
    public bool? InsecureSkipVerify { get; init; }

    [JsonPropertyName("defaults")]
    public ProviderDefaults? Defaults { get; init; }

    [JsonPropertyName("rateLimit")]
    public ProviderRateLimit? RateLimit { get; init; }

    [JsonPropertyName("runtime")]
    public required ProviderRuntimeSpec Runtime { get; init; }

    [JsonPropertyName("healthCheck")]
    public ProviderHealthCheck? HealthCheck { get; init; }

    [JsonPropertyName("connectionPooling")]
    public ProviderConnectionPooling? ConnectionPooling { get; init; }
}
