using System.Runtime.CompilerServices;

namespace VirtRigaud.Grpc;

/// <summary>
/// A running unary call. Await it (or <see cref="ResponseAsync"/>) for the response; a non-OK outcome throws
/// <see cref="RpcException"/>. Disposing it cancels the call if it is still running.
/// </summary>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly IClientCall _call;

    internal AsyncUnaryCall(Task<TResponse> responseAsync, IClientCall call)
    {
        ResponseAsync = responseAsync;
        _call = call;
    }

    /// <summary>The response, once the server has sent it and the call ended with OK.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>
    /// The response headers (initial metadata). Empty for a trailers-only response, whose metadata is in
    /// <see cref="GetTrailers"/>. Throws <see cref="RpcException"/> when the call failed before any headers arrived.
    /// </summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The final status; throws <see cref="InvalidOperationException"/> while the call is running.</summary>
    public Status GetStatus() => _call.GetStatus();

    /// <summary>The trailing metadata; throws <see cref="InvalidOperationException"/> while the call is running.</summary>
    public Metadata GetTrailers() => _call.GetTrailers();

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Cancels the call (status CANCELLED, HTTP/2 stream reset) if it is still running and frees its resources.</summary>
    public void Dispose() => _call.Dispose();
}
