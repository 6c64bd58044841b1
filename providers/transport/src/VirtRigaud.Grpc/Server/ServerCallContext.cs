using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace VirtRigaud.Grpc;

/// <summary>
/// What a handler or interceptor knows about the call it serves: who called, with which metadata and deadline, and the
/// knobs that shape the response (headers, trailers, status). One instance per call; it is not thread-safe except
/// for <see cref="CancellationToken"/>.
/// </summary>
public abstract class ServerCallContext
{
    /// <summary>The full method path, e.g. <c>/grpc.health.v1.Health/Check</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The <c>:authority</c> the client addressed.</summary>
    public abstract string Host { get; }

    /// <summary>The client's address in gRPC URI form: <c>ipv4:127.0.0.1:5000</c>, <c>ipv6:[::1]:5000</c> or <c>unknown</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>The client's custom metadata (reserved transport headers removed, <c>-bin</c> values decoded).</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Metadata sent with the status at the end of the call. Handlers add to it; entries with reserved names are dropped.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The deadline the client set with <c>grpc-timeout</c> (UTC), or <c>null</c> when it set none.</summary>
    public abstract DateTimeOffset? Deadline { get; }

    /// <summary>Fires when the deadline passes, the client cancels (RST_STREAM) or the server shuts down.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>
    /// The status the call ends with when the handler returns normally (default OK). A handler may set a non-OK status to
    /// fail the call without throwing; a unary or client-streaming response is then not sent.
    /// </summary>
    public abstract Status Status { get; set; }

    /// <summary>The client certificate of a mutual-TLS connection, or <c>null</c>.</summary>
    public abstract X509Certificate2? ClientCertificate { get; }

    /// <summary>The ASP.NET Core context of the call (its <c>RequestServices</c> is the call's DI scope), or <c>null</c> outside Kestrel.</summary>
    public abstract HttpContext? HttpContext { get; }

    /// <summary>Free-form state shared by interceptors and the handler of this call.</summary>
    public abstract IDictionary<object, object?> UserState { get; }

    /// <summary>
    /// Sends the response headers now, with <paramref name="headers"/> as custom metadata. Without this call the headers
    /// go out with the first message, or together with the status. May be called once, before the first message.
    /// </summary>
    /// <exception cref="InvalidOperationException">Headers were already sent, or the call has ended.</exception>
    public abstract Task WriteResponseHeadersAsync(Metadata headers);
}
