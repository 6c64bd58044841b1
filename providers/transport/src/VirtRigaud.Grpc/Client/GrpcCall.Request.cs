using System.Net;
using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc;

/// <summary>The request half of a call: writing request messages, and sending the HTTP request (with wait-for-ready).</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    /// <summary>Writes one request of a streaming call.</summary>
    public async Task WriteRequestAsync(TRequest message, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _requestsCompleted))
        {
            throw new InvalidOperationException("The request stream has already been completed");
        }

        if (Interlocked.Exchange(ref _writing, 1) == 1)
        {
            throw new InvalidOperationException("A write to the request stream is already in progress; await each write before the next");
        }

        try
        {
            ThrowIfFinishedForWrite();
            using var registration = RegisterCallerToken(cancellationToken);
            var stream = await WaitForRequestStreamAsync().ConfigureAwait(false);
            if (stream is null)
            {
                ThrowIfFinishedForWrite();
                return;
            }

            try
            {
                await MessageFraming.WriteMessageAsync(stream, message, _channel.MaxSendMessageSize, _callCts.Token).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                // The size check runs before anything is written; the call cannot go on without the message.
                throw CreateException(Finish(e.Status, reset: true), e);
            }
            catch (Exception e)
            {
                throw await WriteFailureAsync(e).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    /// <summary>Half-closes the request stream. Idempotent.</summary>
    public Task CompleteRequests()
    {
        if (Volatile.Read(ref _writing) == 1)
        {
            throw new InvalidOperationException("A write to the request stream is in progress; await it before completing");
        }

        Volatile.Write(ref _requestsCompleted, true);
        _content?.CompleteRequestBody();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sends the request. With wait-for-ready a failed connection attempt is retried with exponential backoff until
    /// the deadline or cancellation ends the call; without it the failure ends the call with UNAVAILABLE.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync()
    {
        var backoff = _channel.InitialReconnectBackoff;
        while (true)
        {
            // A request message can be sent only once; the content is reused because nothing of it went out.
            var request = CreateRequest();
            try
            {
                return await _channel.Invoker.SendAsync(request, _callCts.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e) when (_options.WaitForReady && IsConnectFailure(e) && !_callCts.IsCancellationRequested)
            {
                var jitter = 1 + (BackoffJitter * ((Random.Shared.NextDouble() * 2) - 1));
                await Task.Delay(backoff * jitter, _channel.TimeProvider, _callCts.Token).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min((long)(backoff.Ticks * BackoffMultiplier), _channel.MaxReconnectBackoff.Ticks));
            }
        }
    }

    private HttpRequestMessage CreateRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _channel.MethodUri(_method.FullName))
        {
            // Exactly HTTP/2: over http:// this is h2c with prior knowledge, over https:// ALPN h2 without fallback.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = _content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation(GrpcProtocol.TeHeader, "trailers");
        headers.TryAddWithoutValidation("user-agent", GrpcProtocol.UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.AcceptedEncodings);
        if (_options.Deadline is { } deadline)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcProtocol.FormatTimeout(deadline - _channel.TimeProvider.GetUtcNow()));
        }

        if (_options.Headers is { } metadata)
        {
            ClientProtocol.AddMetadata(headers, metadata);
        }

        return request;
    }

    /// <summary>The request body stream once the handler has started it, or <c>null</c> when the call ended first.</summary>
    private async Task<Stream?> WaitForRequestStreamAsync()
    {
        var ready = _content!.StreamReady;
        if (!ready.IsCompleted)
        {
            await Task.WhenAny(ready, _finished.Task).ConfigureAwait(false);
        }

        return ready.IsCompleted && !IsFinished ? _content.RequestStream : null;
    }

    private void ThrowIfFinishedForWrite()
    {
        Status? status;
        lock (_lock)
        {
            status = _status;
        }

        if (status is { Code: StatusCode.OK })
        {
            throw new InvalidOperationException("The call has already completed; no more requests can be written");
        }

        if (status is { } failed)
        {
            throw CreateException(failed);
        }
    }

    /// <summary>
    /// The exception for a failed write. The request stream breaks when the call ended, when the server finished the
    /// response early (it then resets the request half) or when the connection died. For a client-streaming call the
    /// response is being read in the background, so the write reports the call's final status; for a duplex call only
    /// the caller's reads can reach that status, so the write reports the transport failure and leaves the call open.
    /// </summary>
    private async Task<Exception> WriteFailureAsync(Exception failure)
    {
        if (_method.Type == MethodType.ClientStreaming)
        {
            await _finished.Task.ConfigureAwait(false);
        }

        Status? status;
        lock (_lock)
        {
            status = _status;
        }

        return status switch
        {
            { Code: StatusCode.OK } => new InvalidOperationException("The call has already completed; no more requests can be written", failure),
            { } failed => CreateException(failed, failure),
            null => new RpcException(MapException(failure, "Error writing to the request stream"), new Metadata(), failure),
        };
    }
}
