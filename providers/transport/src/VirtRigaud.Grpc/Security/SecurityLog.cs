using Microsoft.Extensions.Logging;

namespace VirtRigaud.Grpc.Security;

/// <summary>
/// Log messages of the TLS layer. Event IDs 3100–3199 belong to this folder and never change meaning. Nothing here logs
/// key material: only subjects, serial numbers, thumbprints and chain status.
/// </summary>
internal static partial class SecurityLog
{
    [LoggerMessage(3100, LogLevel.Information, "Loaded certificate {Subject} (serial {SerialNumber}, thumbprint {Thumbprint}, valid until {NotAfter:O}) from {CertificatePath}", EventName = "CertificateLoaded")]
    public static partial void CertificateLoaded(ILogger logger, string subject, string serialNumber, string thumbprint, DateTime notAfter, string certificatePath);

    [LoggerMessage(3101, LogLevel.Information, "Reloaded certificate {Subject} (serial {SerialNumber}, thumbprint {Thumbprint}, valid until {NotAfter:O}) from {CertificatePath}; new handshakes use it", EventName = "CertificateReloaded")]
    public static partial void CertificateReloaded(ILogger logger, string subject, string serialNumber, string thumbprint, DateTime notAfter, string certificatePath);

    [LoggerMessage(3102, LogLevel.Warning, "Certificate files at {CertificatePath} changed but could not be loaded; keeping certificate with serial {SerialNumber}", EventName = "CertificateReloadFailed")]
    public static partial void CertificateReloadFailed(ILogger logger, string certificatePath, string serialNumber, Exception exception);

    [LoggerMessage(3103, LogLevel.Warning, "Certificate {Subject} (serial {SerialNumber}) is outside its validity period {NotBefore:O} – {NotAfter:O}; peers will reject it", EventName = "CertificateOutsideValidity")]
    public static partial void CertificateOutsideValidity(ILogger logger, string subject, string serialNumber, DateTime notBefore, DateTime notAfter);

    [LoggerMessage(3104, LogLevel.Warning, "Cannot watch {Directory} for certificate changes; relying on polling every {PollInterval}", EventName = "CertificateWatchUnavailable")]
    public static partial void WatchUnavailable(ILogger logger, string directory, TimeSpan pollInterval, Exception exception);

    [LoggerMessage(3105, LogLevel.Warning, "File system watcher for certificate directory {Directory} failed; checking the files now and relying on polling", EventName = "CertificateWatchFailed")]
    public static partial void WatchFailed(ILogger logger, string directory, Exception exception);

    [LoggerMessage(3106, LogLevel.Error, "A handler of the certificate {EventName} event threw", EventName = "CertificateEventHandlerFailed")]
    public static partial void EventHandlerFailed(ILogger logger, string eventName, Exception exception);

    [LoggerMessage(3120, LogLevel.Warning, "Rejected client certificate {Subject} (serial {SerialNumber}) from {RemoteEndPoint}: {Reason}", EventName = "ClientCertificateRejected")]
    public static partial void ClientCertificateRejected(ILogger logger, string subject, string serialNumber, string? remoteEndPoint, string reason);

    [LoggerMessage(3121, LogLevel.Warning, "Rejected TLS connection from {RemoteEndPoint}: the client sent no certificate", EventName = "ClientCertificateMissing")]
    public static partial void ClientCertificateMissing(ILogger logger, string? remoteEndPoint);

    [LoggerMessage(3122, LogLevel.Warning, "Rejected server certificate {Subject} (serial {SerialNumber}) for {TargetHost}: {Reason}", EventName = "ServerCertificateRejected")]
    public static partial void ServerCertificateRejected(ILogger logger, string subject, string serialNumber, string? targetHost, string reason);

    [LoggerMessage(3123, LogLevel.Warning, "Rejected TLS connection to {TargetHost}: the server sent no certificate", EventName = "ServerCertificateMissing")]
    public static partial void ServerCertificateMissing(ILogger logger, string? targetHost);
}
