using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// Upstream's names, labels, ports and paths for a provider runtime (API-REFERENCE §3.1, §6.1, §6.2). Pure functions.
/// </summary>
public static class ProviderRuntimeNames
{
    /// <summary>The gRPC port when <c>spec.runtime.service.port</c> is unset.</summary>
    public const int DefaultGrpcPort = 9443;

    /// <summary>The container's health/metrics port (<c>--health-port</c>, named <c>metrics</c>).</summary>
    public const int HealthPort = 8080;

    /// <summary>Where the credentials Secret is mounted in the provider (one file per key).</summary>
    public const string CredentialsPath = "/etc/virtrigaud/credentials";

    /// <summary>Where the TLS Secret is mounted in the provider (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>).</summary>
    public const string TlsPath = "/etc/virtrigaud/tls";

    /// <summary>Where each migration PVC is mounted, under its claim name.</summary>
    public const string MigrationStoragePath = "/mnt/migration-storage";

    /// <summary>The libvirt provider's memory-backed SSH key directory.</summary>
    public const string LibvirtSshKeyPath = "/tmp/virtrigaud-libvirt";

    /// <summary>The label that marks a PersistentVolumeClaim as migration storage (mounted into every provider of its namespace).</summary>
    public const string MigrationStorageLabel = "virtrigaud.io/component";

    /// <summary>The value of <see cref="MigrationStorageLabel"/> on migration PVCs.</summary>
    public const string MigrationStorageLabelValue = "migration-storage";

    /// <summary>The provider-type label on the provider's Service, Deployment and pods.</summary>
    public const string ProviderTypeLabel = "virtrigaud.io/provider-type";

    /// <summary>The TLS Secret's keys, all required and non-empty.</summary>
    public static readonly IReadOnlyList<string> TlsSecretKeys = ["tls.crt", "tls.key", "ca.crt"];

    /// <summary><c>virtrigaud-provider-&lt;namespace&gt;-&lt;name&gt;</c>: the Deployment's and Service's name.</summary>
    public static string ResourceName(string @namespace, string name) => $"virtrigaud-provider-{@namespace}-{name}";

    /// <summary>The Service's cluster DNS name, the SNI and certificate name the manager checks in Remote mode.</summary>
    public static string ServiceHost(string @namespace, string name) => $"{ResourceName(@namespace, name)}.{@namespace}.svc.cluster.local";

    /// <summary>The gRPC port of a Provider.</summary>
    public static int GrpcPort(ProviderSpec spec) => spec.Runtime.Service?.Port ?? DefaultGrpcPort;

    /// <summary>The selector labels (name and instance only, as upstream).</summary>
    public static IReadOnlyDictionary<string, string> SelectorLabels(string name) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = "virtrigaud-provider",
        ["app.kubernetes.io/instance"] = name,
    };

    /// <summary>The labels of the Service, the Deployment and its pods.</summary>
    public static IReadOnlyDictionary<string, string> Labels(string name, ProviderType type) => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["app.kubernetes.io/name"] = "virtrigaud-provider",
        ["app.kubernetes.io/instance"] = name,
        ["app.kubernetes.io/component"] = "provider",
        ["app.kubernetes.io/managed-by"] = "virtrigaud",
        [ProviderTypeLabel] = TypeName(type),
    };

    /// <summary>The wire name of a provider type (<c>libvirt</c>, <c>vsphere</c>, <c>mock</c>…).</summary>
    public static string TypeName(ProviderType type) => type switch
    {
        ProviderType.VSphere => "vsphere",
        ProviderType.Libvirt => "libvirt",
        ProviderType.Firecracker => "firecracker",
        ProviderType.Qemu => "qemu",
        ProviderType.Proxmox => "proxmox",
        ProviderType.Mock => "mock",
        _ => type.ToString().ToLowerInvariant(),
    };
}
