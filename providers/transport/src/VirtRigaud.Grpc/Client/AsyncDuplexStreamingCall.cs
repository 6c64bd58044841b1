namespace VirtRigaud.Grpc;

/// <summary>
/// A running bidirectional streaming call. Requests and responses flow independently: write to
/// <see cref="RequestStream"/> (and complete it), read <see cref="ResponseStream"/> to its end for the status.
/// Disposing it cancels the call if it is still running.
/// </summary>
public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCall _call;

    internal AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, IClientCall call)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        _call = call;
    }

    /// <summary>
    /// The requests. Writes must not overlap; cancelling a write's token cancels the call. When the server has already
    /// ended the call a write throws <see cref="RpcException"/>; the call's own status is read from
    /// <see cref="ResponseStream"/>.
    /// </summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

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
