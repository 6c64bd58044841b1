namespace VirtRigaud.Grpc.Security;

/// <summary>The extended key usages a <see cref="TestCertificateAuthority"/> writes into a leaf certificate.</summary>
[Flags]
public enum CertificateUsages
{
    /// <summary>No extended key usage extension at all, which RFC 5280 reads as "any purpose".</summary>
    None = 0,

    /// <summary>id-kp-serverAuth: the certificate may identify a TLS server.</summary>
    ServerAuthentication = 1,

    /// <summary>id-kp-clientAuth: the certificate may identify a TLS client.</summary>
    ClientAuthentication = 2,
}
