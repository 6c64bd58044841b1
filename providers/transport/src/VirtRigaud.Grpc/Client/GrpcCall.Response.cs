using System.Net;
using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc;

/// <summary>The response half of a call: interpreting the headers, reading messages and deciding the final status.</summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
{
    /// <summary>
    /// The one response of a unary or client-streaming call. Exactly one message must arrive before an OK status;
    /// none or a second one is a cardinality violation (UNIMPLEMENTED, as grpc-go reports it).
    /// </summary>
    public async Task<TResponse> ReadSingleResponseAsync()
    {
        var response = await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false);
        if (response is null)
        {
            var status = FinishAtEndOfResponse(new Status(StatusCode.Unimplemented, "Cardinality violation: the server sent no response message"));
            throw CreateException(status);
        }

        if (await ReadMessageAsync(CancellationToken.None).ConfigureAwait(false) is not null)
        {
            var status = Finish(new Status(StatusCode.Unimplemented, "Cardinality violation: the server sent more than one response message"), reset: true);
            throw CreateException(status);
        }

        var final = FinishAtEndOfResponse(whenOkWithoutMessage: null);
        return final.Code == StatusCode.OK ? response : throw CreateException(final);
    }

    /// <summary>The next message of a response stream, or <c>null</c> after an OK status.</summary>
    /// <exception cref="RpcException">The call ended with another status.</exception>
    public async Task<TResponse?> ReadNextResponseAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reading, 1) == 1)
        {
            throw new InvalidOperationException("A read of the response stream is already in progress; await each MoveNext before the next");
        }

        try
        {
            var message = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
            if (message is not null)
            {
                return message;
            }

            var status = FinishAtEndOfResponse(whenOkWithoutMessage: null);
            return status.Code == StatusCode.OK ? null : throw CreateException(status);
        }
        finally
        {
            Volatile.Write(ref _reading, 0);
        }
    }

    /// <summary>Sends the request and interprets the response headers; the body is read by the consumers.</summary>
    private async Task RunAsync()
    {
        HttpResponseMessage response;
        try
        {
            response = await SendAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Finish(MapException(e, "Error starting the call"), reset: true);
            return;
        }

        lock (_lock)
        {
            if (_status is null)
            {
                _response = response;
            }
        }

        if (_response != response)
        {
            response.Dispose();
            return;
        }

        if (CheckResponse(response) is { } failure)
        {
            Finish(failure.Status, reset: true, failure.Trailers);
            return;
        }

        try
        {
            _responseEncoding = ClientProtocol.GetHeader(response.Headers, GrpcProtocol.EncodingHeader);
            _responseStream = await response.Content.ReadAsStreamAsync(_callCts.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Finish(MapException(e, "Error reading the response"), reset: true);
            return;
        }

        // grpc-status among the headers announces a trailers-only response: its metadata are trailers, not headers.
        var trailersOnly = ClientProtocol.GetHeader(response.Headers, GrpcProtocol.StatusHeader) is not null;
        _headers.TrySetResult(trailersOnly ? new Metadata() : ClientProtocol.ReadMetadata(response.Headers, response.Content.Headers));
        _responseReady.TrySetResult(true);
    }

    /// <summary>The outcome a response's headers already decide, or <c>null</c> for a gRPC response whose body is to be read.</summary>
    private (Status Status, Metadata Trailers)? CheckResponse(HttpResponseMessage response)
    {
        var contentType = ClientProtocol.GetHeader(response.Content.Headers, "content-type");
        var isGrpc = response.StatusCode == HttpStatusCode.OK && GrpcProtocol.IsGrpcContentType(contentType);
        if (isGrpc && IsProtoCodec(contentType!))
        {
            return null;
        }

        // An explicit grpc-status wins over anything derived from HTTP (doc/http-grpc-status-mapping.md).
        if (ClientProtocol.GetHeader(response.Headers, GrpcProtocol.StatusHeader) is not null)
        {
            var explicitStatus = ClientProtocol.ReadStatus(response.Headers);
            if (explicitStatus.Code == StatusCode.OK && _method.Type is MethodType.Unary or MethodType.ClientStreaming)
            {
                explicitStatus = new Status(StatusCode.Unimplemented, "Cardinality violation: the server sent no response message");
            }

            return (explicitStatus, ClientProtocol.ReadMetadata(response.Headers, response.Content.Headers));
        }

        if (isGrpc)
        {
            return (new Status(StatusCode.Internal, $"The response uses an unsupported codec: content-type \"{contentType}\""), new Metadata());
        }

        var httpStatus = (int)response.StatusCode;
        var detail = response.StatusCode == HttpStatusCode.OK
            ? $"Bad gRPC response: content-type \"{contentType}\" is not application/grpc"
            : $"Bad gRPC response: HTTP status code {httpStatus}";
        return (new Status(GrpcProtocol.FromHttpStatus(httpStatus), detail), new Metadata());
    }

    private static bool IsProtoCodec(string contentType)
    {
        var rest = contentType.AsSpan(GrpcProtocol.ContentType.Length);
        var end = rest.IndexOf(';');
        var subtype = (end < 0 ? rest : rest[..end]).Trim();
        return subtype.IsEmpty || subtype.Equals("+proto", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The next framed message of the response body, or <c>null</c> at its end (or when the call already ended).</summary>
    private async Task<TResponse?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        if (!await _responseReady.Task.ConfigureAwait(false) || IsFinished)
        {
            return null;
        }

        using var registration = RegisterCallerToken(cancellationToken);
        try
        {
            var message = await MessageFraming.ReadMessageAsync(_responseStream!, _method.ResponseParser, _channel.MaxReceiveMessageSize, _responseEncoding, _callCts.Token).ConfigureAwait(false);
            if (message is not null)
            {
                Interlocked.Increment(ref _responsesRead);
            }

            return message;
        }
        catch (RpcException e)
        {
            // A receiving problem; an encoding we cannot decode is the server's fault here, not an unimplemented method.
            var status = e.StatusCode == StatusCode.Unimplemented ? e.Status with { Code = StatusCode.Internal } : e.Status;
            throw CreateException(Finish(status, reset: true), e);
        }
        catch (Exception e)
        {
            throw CreateException(Finish(MapException(e, "Error reading the response"), reset: true), e);
        }
    }

    /// <summary>
    /// Decides the status once the response body has ended: the trailers, or for an empty body the <c>grpc-status</c>
    /// of the headers (trailers-only). <paramref name="whenOkWithoutMessage"/> replaces an OK status when the call
    /// needed a message and none came.
    /// </summary>
    private Status FinishAtEndOfResponse(Status? whenOkWithoutMessage)
    {
        HttpResponseMessage? response;
        lock (_lock)
        {
            if (_status is { } status)
            {
                return status;
            }

            response = _response;
        }

        var trailing = response!.TrailingHeaders;
        Status final;
        Metadata trailers;
        if (trailing.NonValidated.Count > 0)
        {
            final = ClientProtocol.ReadStatus(trailing);
            trailers = ClientProtocol.ReadMetadata(trailing);
        }
        else if (Volatile.Read(ref _responsesRead) == 0 && ClientProtocol.GetHeader(response.Headers, GrpcProtocol.StatusHeader) is not null)
        {
            final = ClientProtocol.ReadStatus(response.Headers);
            trailers = ClientProtocol.ReadMetadata(response.Headers, response.Content.Headers);
        }
        else
        {
            final = new Status(StatusCode.Internal, "The server closed the stream without sending trailers");
            trailers = new Metadata();
        }

        if (final.Code == StatusCode.OK && whenOkWithoutMessage is { } replacement)
        {
            final = replacement;
        }

        return Finish(final, reset: false, trailers);
    }
}
