using VirtRigaud.Api.V1Beta1;

namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>
/// Upstream's TLS posture gate (ADR-0003, API-REFERENCE §3.1/§6.1), decided from the spec alone, for every mode:
/// <list type="table">
/// <listheader><term>spec.runtime.service.tls</term><description>TLSConfigured, and whether the provider runs</description></listheader>
/// <item><term>absent</term><description>False/TLSBlockMissing — refused (the operator must choose)</description></item>
/// <item><term>enabled: false</term><description>False/ExplicitlyDisabled — runs in plaintext (h2c)</description></item>
/// <item><term>enabled: true, no secretRef</term><description>Remote/External: False/SecretRefMissing — refused;
/// Local: True/Enabled — loopback mTLS with certificates the manager issues</description></item>
/// <item><term>enabled: true, secretRef</term><description>True/Enabled — mTLS with the Secret (which the reconciler
/// then loads: a missing or incomplete Secret turns TLSConfigured False)</description></item>
/// </list>
/// Immutable.
/// </summary>
public sealed record ProviderTlsPosture
{
    /// <summary>Whether the provider may run.</summary>
    public required bool Proceed { get; init; }

    /// <summary>Whether manager↔provider traffic is TLS.</summary>
    public required bool Enabled { get; init; }

    /// <summary>The Secret with tls.crt, tls.key and ca.crt (Remote and External with TLS); null otherwise.</summary>
    public string? SecretName { get; init; }

    /// <summary>The TLSConfigured condition's reason.</summary>
    public required string Reason { get; init; }

    /// <summary>The TLSConfigured condition's message.</summary>
    public required string Message { get; init; }

    /// <summary>The gate's verdict for <paramref name="spec"/>. Pure.</summary>
    public static ProviderTlsPosture Evaluate(ProviderSpec spec)
    {
        var mode = spec.Runtime.Mode ?? ProviderRuntimeMode.Remote;
        var tls = spec.Runtime.Service?.Tls;
        if (tls is null)
        {
            return new ProviderTlsPosture
            {
                Proceed = false,
                Enabled = false,
                Reason = ProviderConditions.ReasonTlsBlockMissing,
                Message = mode == ProviderRuntimeMode.Local
                    ? "spec.runtime.service.tls is missing: set enabled: true (loopback mTLS with certificates the manager issues) or enabled: false (plaintext on loopback); the provider is not started until then"
                    : "spec.runtime.service.tls is missing: provision a Secret with tls.crt, tls.key and ca.crt and set enabled: true with secretRef, or set enabled: false to run in plaintext; the provider is not run until then",
            };
        }

        if (tls.Enabled == false)
        {
            return new ProviderTlsPosture
            {
                Proceed = true,
                Enabled = false,
                Reason = ProviderConditions.ReasonTlsExplicitlyDisabled,
                Message = "TLS explicitly disabled (spec.runtime.service.tls.enabled=false): manager-provider traffic is plaintext",
            };
        }

        if (mode == ProviderRuntimeMode.Local)
        {
            return new ProviderTlsPosture
            {
                Proceed = true,
                Enabled = true,
                Reason = ProviderConditions.ReasonTlsEnabled,
                Message = "loopback mTLS (TLS 1.3) with certificates issued by the manager's local CA",
            };
        }

        if (tls.SecretRef?.Name is not { Length: > 0 } secret)
        {
            return new ProviderTlsPosture
            {
                Proceed = false,
                Enabled = true,
                Reason = ProviderConditions.ReasonTlsSecretRefMissing,
                Message = "spec.runtime.service.tls.enabled is true but secretRef is not set: name a Secret with tls.crt, tls.key and ca.crt, or set enabled: false; the provider is not run until then",
            };
        }

        return new ProviderTlsPosture
        {
            Proceed = true,
            Enabled = true,
            SecretName = secret,
            Reason = ProviderConditions.ReasonTlsEnabled,
            Message = $"mTLS (TLS 1.3) with Secret {secret}" + (tls.InsecureSkipVerify == true ? "; the provider's certificate is NOT verified (insecureSkipVerify)" : ""),
        };
    }
}
