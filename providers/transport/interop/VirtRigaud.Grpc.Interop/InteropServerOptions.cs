using System.Net;
using VirtRigaud.Grpc.Security;

namespace VirtRigaud.Grpc.Interop;

/// <summary>Where the interop server listens and whether it serves TLS.</summary>
public sealed record InteropServerOptions
{
    /// <summary>The address to listen on; loopback unless someone asks otherwise.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 picks a free one (see <see cref="InteropServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>The server certificate for TLS, or <c>null</c> for h2c (HTTP/2 with prior knowledge).</summary>
    public CertificateReloader? Tls { get; init; }

    /// <summary>With <see cref="Tls"/>: whether clients must present a certificate issued by the reloader's CA.</summary>
    public bool RequireClientCertificate { get; init; }

    /// <summary>Whether the server logs warnings and errors to the console (the command line does; tests do not).</summary>
    public bool ConsoleLogging { get; init; }
}
