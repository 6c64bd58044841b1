using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;
using Core = VirtRigaud.Api.Machinery.Core;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// mTLS between the manager and the provider pod. One Secret (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>) serves
/// both ends: the provider's server identity and the manager's client identity, so the certificate needs both
/// serverAuth and clientAuth, and must be valid for
/// <c>virtrigaud-provider-&lt;namespace&gt;-&lt;name&gt;.&lt;namespace&gt;.svc.cluster.local</c>.
/// </summary>
public sealed record ProviderTlsSpec
{
    /// <summary>
    /// Defaults to true; an explicit false (plaintext) must survive round trips, hence nullable. Enabled without
    /// <see cref="SecretRef"/> leaves the Provider undeployed (condition TLSConfigured=False/SecretRefMissing).
    /// </summary>
    [JsonPropertyName("enabled")]
    [Default(true)]
    public bool? Enabled { get; init; }

    [JsonPropertyName("secretRef")]
    public Core.LocalObjectReference? SecretRef { get; init; }

    /// <summary>The manager does not verify the provider's certificate.</summary>
    [JsonPropertyName("insecureSkipVerify")]
    [Default(false)]
    public bool? InsecureSkipVerify { get; init; }
}
