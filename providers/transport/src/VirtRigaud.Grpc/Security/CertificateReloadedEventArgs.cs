using System.Security.Cryptography.X509Certificates;

namespace VirtRigaud.Grpc.Security;

/// <summary>Raised by <see cref="CertificateReloader.Reloaded"/> after new certificate material took effect.</summary>
public sealed class CertificateReloadedEventArgs(X509Certificate2 certificate, X509Certificate2Collection authorities) : EventArgs
{
    /// <summary>The certificate every new handshake now uses (owned by the reloader; do not dispose).</summary>
    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>A copy of the CA certificates now trusted; empty when no CA file is configured.</summary>
    public X509Certificate2Collection Authorities { get; } = authorities;
}
