using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Sdk.Health;

/// <summary>
/// The call context of an RPC the host makes on its own implementation, in-process (the readiness Validate): no peer,
/// no client certificate, no HttpContext, a deadline and a cancellation token. One per call; not thread-safe.
/// </summary>
internal sealed class InProcessCallContext : ServerCallContext
{
    private readonly Dictionary<object, object?> _userState = [];

    public InProcessCallContext(string method, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        Method = method;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    public override string Method { get; }

    public override string Host => "";

    public override string Peer => "in-process";

    public override Metadata RequestHeaders { get; } = new();

    public override Metadata ResponseTrailers { get; } = new();

    public override DateTimeOffset? Deadline { get; }

    public override CancellationToken CancellationToken { get; }

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override X509Certificate2? ClientCertificate => null;

    public override HttpContext? HttpContext => null;

    public override IDictionary<object, object?> UserState => _userState;

    public override Task WriteResponseHeadersAsync(Metadata headers) => Task.CompletedTask;
}
