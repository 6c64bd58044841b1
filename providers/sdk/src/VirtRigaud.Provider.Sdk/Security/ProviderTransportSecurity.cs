namespace VirtRigaud.Provider.Sdk.Security;

/// <summary>How the provider's gRPC port is served, as resolved from the TLS directory and the environment.</summary>
public enum ProviderTransportSecurity
{
    /// <summary>TLS 1.3 with a client certificate required and verified against <c>ca.crt</c> (the only posture with TLS material present).</summary>
    MutualTls = 0,

    /// <summary>Plaintext HTTP/2 (h2c): no TLS material and <c>VIRTRIGAUD_PROVIDER_INSECURE=true</c>. Audit-flagged.</summary>
    Insecure,
}
