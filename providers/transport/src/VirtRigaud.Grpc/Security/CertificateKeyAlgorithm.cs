namespace VirtRigaud.Grpc.Security;

/// <summary>The key type of certificates a <see cref="TestCertificateAuthority"/> creates.</summary>
public enum CertificateKeyAlgorithm
{
    /// <summary>ECDSA on NIST P-256 with SHA-256: small and fast to generate, understood by every TLS 1.3 stack.</summary>
    EcdsaP256,

    /// <summary>RSA 2048 with SHA-256 and PKCS#1 v1.5 signatures on certificates (TLS 1.3 itself signs with RSA-PSS).</summary>
    Rsa2048,
}
