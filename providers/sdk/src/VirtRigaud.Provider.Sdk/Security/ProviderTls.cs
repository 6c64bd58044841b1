using VirtRigaud.Provider.Sdk.Hosting;

namespace VirtRigaud.Provider.Sdk.Security;

/// <summary>
/// The provider's TLS posture, exactly as upstream's <c>sdk/provider/server.ResolveTLSAndAuth</c> decides it
/// (API-REFERENCE §6.1, ADR-0003):
/// <code>
/// tls.crt, tls.key, ca.crt in the TLS dir   VIRTRIGAUD_PROVIDER_INSECURE   result
/// all three                                 (any)                          mutual TLS 1.3, client certificate required
/// none                                      "true" (trimmed, any case)     plaintext h2c, with a warning
/// none                                      unset or anything else         refuse to start: what to mount or set
/// some but not all                          (any)                          refuse to start: the missing files
/// </code>
/// A file counts as present when it resolves (through symbolic links, as a mounted Secret's <c>..data</c> links do) to
/// a regular file. Pure apart from reading the file system.
/// </summary>
public static class ProviderTls
{
    /// <summary>Where the provider Deployment mounts the TLS Secret (upstream).</summary>
    public const string DefaultDirectory = "/etc/virtrigaud/tls";

    /// <summary>Decides the posture for the material in <paramref name="tlsDirectory"/> and the opt-out flag.</summary>
    /// <param name="tlsDirectory">The TLS directory (<c>--tls-dir</c>).</param>
    /// <param name="insecureOptIn">Whether <c>VIRTRIGAUD_PROVIDER_INSECURE</c> is <c>true</c> (see <see cref="IsInsecureOptIn"/>).</param>
    public static ProviderTlsResolution Resolve(string tlsDirectory, bool insecureOptIn)
    {
        string[] files =
        [
            Path.Combine(tlsDirectory, Grpc.Security.CertificateReloaderOptions.CertificateFileName),
            Path.Combine(tlsDirectory, Grpc.Security.CertificateReloaderOptions.KeyFileName),
            Path.Combine(tlsDirectory, Grpc.Security.CertificateReloaderOptions.CaFileName),
        ];
        var missing = files.Where(f => !IsRegularFile(f)).ToList();
        if (missing.Count == 0)
        {
            return new ProviderTlsResolution { Security = ProviderTransportSecurity.MutualTls, Files = files };
        }

        if (missing.Count == files.Length)
        {
            return insecureOptIn
                ? new ProviderTlsResolution { Security = ProviderTransportSecurity.Insecure, Files = files }
                : new ProviderTlsResolution
                {
                    Security = ProviderTransportSecurity.MutualTls,
                    Files = files,
                    Error = $"TLS material missing at {tlsDirectory} and {ProviderEnvironmentVariables.Insecure} is not set to \"true\"; "
                        + $"either provision {tlsDirectory}/{{tls.crt,tls.key,ca.crt}} or set {ProviderEnvironmentVariables.Insecure}=true to opt into plaintext (audit-flagged)",
                };
        }

        return new ProviderTlsResolution
        {
            Security = ProviderTransportSecurity.MutualTls,
            Files = files,
            Error = $"TLS material partially present; missing required files: {string.Join(", ", missing)}",
        };
    }

    /// <summary>Upstream's opt-out test: the value, trimmed, equals <c>true</c> ignoring case. "1", "yes" and "on" do not opt out.</summary>
    public static bool IsInsecureOptIn(string? value) =>
        value is not null && value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase);

    private static bool IsRegularFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return false;
        }

        if (info.LinkTarget is null)
        {
            return true;
        }

        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo { Exists: true };
        }
        catch (IOException)
        {
            // A link loop, or a target that vanished while resolving.
            return false;
        }
    }
}
