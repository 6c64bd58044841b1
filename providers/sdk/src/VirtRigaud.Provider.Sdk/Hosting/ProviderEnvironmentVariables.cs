namespace VirtRigaud.Provider.Sdk.Hosting;

/// <summary>
/// The environment variables the SDK reads (API-REFERENCE §6.1–6.2). The provider controller sets them on the
/// provider Deployment; <c>spec.runtime.env</c> may add or override them.
/// </summary>
public static class ProviderEnvironmentVariables
{
    /// <summary>The provider type (<c>vsphere</c>, <c>libvirt</c>, <c>proxmox</c>, <c>mock</c>).</summary>
    public const string ProviderType = "PROVIDER_TYPE";

    /// <summary>The hypervisor endpoint (vCenter URL, libvirt URI, Proxmox API URL).</summary>
    public const string ProviderEndpoint = "PROVIDER_ENDPOINT";

    /// <summary>The Provider object's namespace.</summary>
    public const string ProviderNamespace = "PROVIDER_NAMESPACE";

    /// <summary>The Provider object's name (from the pod label upstream).</summary>
    public const string ProviderName = "PROVIDER_NAME";

    /// <summary>"true"/"false": whether the manager serves this provider's gRPC with TLS (informational; the TLS directory decides).</summary>
    public const string TlsEnabled = "TLS_ENABLED";

    /// <summary>"true" to skip verification of the HYPERVISOR API's TLS certificate (spec.insecureSkipVerify), not of gRPC.</summary>
    public const string TlsInsecureSkipVerify = "TLS_INSECURE_SKIP_VERIFY";

    /// <summary><c>debug</c>, <c>info</c> (default), <c>warn</c> or <c>error</c>.</summary>
    public const string LogLevel = "LOG_LEVEL";

    /// <summary><c>text</c> (default) or <c>json</c>.</summary>
    public const string LogFormat = "LOG_FORMAT";

    /// <summary>Default datastore for VMs without placement.</summary>
    public const string DefaultDatastore = "PROVIDER_DEFAULT_DATASTORE";

    /// <summary>Default datastore cluster (vSphere storage pod).</summary>
    public const string DefaultStoragePod = "PROVIDER_DEFAULT_STORAGE_POD";

    /// <summary>Default compute cluster.</summary>
    public const string DefaultCluster = "PROVIDER_DEFAULT_CLUSTER";

    /// <summary>Default VM folder.</summary>
    public const string DefaultFolder = "PROVIDER_DEFAULT_FOLDER";

    /// <summary>Comma-separated DNS SANs, URI SANs or CNs a client certificate must match; empty = any certificate from the CA.</summary>
    public const string AllowedSans = "VIRTRIGAUD_PROVIDER_ALLOWED_SANS";

    /// <summary>"true" (trimmed, any case) to serve plaintext when no TLS material is mounted.</summary>
    public const string Insecure = "VIRTRIGAUD_PROVIDER_INSECURE";
}
