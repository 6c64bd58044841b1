namespace VirtRigaud.Grpc;

/// <summary>
/// A running server-streaming call. Read <see cref="ResponseStream"/> to its end: <c>MoveNext</c> returns <c>false</c>
/// after an OK status and throws <see cref="RpcException"/> otherwise. Disposing it cancels the call if it is still
/// running.
/// </summary>
public sealed class AsyncServerStreamingCall<TResponse> : IDisposable
{
    private readonly IClientCall _call;

    internal AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, IClientCall call)
    {
        ResponseStream = responseStream;
        _call = call;
    }

    /// <summary>The responses. Reads must not overlap; cancelling a read's token cancels the call.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>
    /// The response headers (initial metadata). Empty for a trailers-only response, whose metadata is in
    /// <see cref="GetTrailers"/>. Throws <see cref="RpcException"/> when the call failed before any headers arrived.
    /// </summary>
    public Task<Metadata> ResponseHeadersAsync => _call.ResponseHeadersAsync;

    /// <summary>The final status; throws <see cref="InvalidOperationException"/> until the response stream has ended.</summary>
    public Status GetStatus() => _call.GetStatus();

    /// <summary>The trailing metadata; throws <see cref="InvalidOperationException"/> until the response stream has ended.</summary>
    public Metadata GetTrailers() => _call.GetTrailers();

    /// <summary>Cancels the call (status CANCELLED, HTTP/2 stream reset) if it is still running and frees its resources.</summary>
    public void Dispose() => _call.Dispose();
}
