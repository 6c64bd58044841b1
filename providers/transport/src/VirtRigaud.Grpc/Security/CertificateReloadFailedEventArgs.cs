namespace VirtRigaud.Grpc.Security;

/// <summary>
/// Raised by <see cref="CertificateReloader.ReloadFailed"/> when changed files could not be read or loaded; the previous
/// certificate stays in use.
/// </summary>
public sealed class CertificateReloadFailedEventArgs(Exception exception) : EventArgs
{
    /// <summary>Why the files were rejected (I/O error, malformed PEM, key not matching the certificate, empty CA file).</summary>
    public Exception Exception { get; } = exception;
}
