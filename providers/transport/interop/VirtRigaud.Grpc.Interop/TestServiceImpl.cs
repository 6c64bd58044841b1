using Google.Protobuf;
using VirtRigaud.Grpc.Interop.Testing;

namespace VirtRigaud.Grpc.Interop;

/// <summary>
/// The interop server's <c>grpc.testing.TestService</c>, as grpc's doc/interop-test-descriptions.md describes its
/// server features: EmptyCall, UnaryCall, CacheableUnaryCall, StreamingOutputCall, StreamingInputCall, FullDuplexCall,
/// HalfDuplexCall, Echo Status, Echo Metadata and <c>ResponseParameters.interval_us</c>. UnimplementedCall is left out
/// on purpose (the unimplemented_method case expects UNIMPLEMENTED). Compression flags are ignored.
/// </summary>
public sealed class TestServiceImpl
{
    /// <summary>Request header the server echoes as a response header (Echo Metadata).</summary>
    public const string EchoInitialKey = "x-grpc-test-echo-initial";

    /// <summary>Request header the server echoes as a trailer (Echo Metadata).</summary>
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    private readonly TimeProvider _time;

    /// <param name="time">The clock <c>interval_us</c> delays run on.</param>
    public TestServiceImpl(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The service definition to pass to <c>MapGrpcService</c>.</summary>
    public GrpcServiceDefinition CreateDefinition() =>
        GrpcServiceDefinition.For(InteropMethods.TestService)
            .AddUnary<Empty, Empty>("EmptyCall", EmptyCallAsync)
            .AddUnary<SimpleRequest, SimpleResponse>("UnaryCall", UnaryCallAsync)
            .AddUnary<SimpleRequest, SimpleResponse>("CacheableUnaryCall", CacheableUnaryCallAsync)
            .AddServerStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("StreamingOutputCall", StreamingOutputCallAsync)
            .AddClientStreaming<StreamingInputCallRequest, StreamingInputCallResponse>("StreamingInputCall", StreamingInputCallAsync)
            .AddDuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("FullDuplexCall", FullDuplexCallAsync)
            .AddDuplexStreaming<StreamingOutputCallRequest, StreamingOutputCallResponse>("HalfDuplexCall", HalfDuplexCallAsync)
            .Build();

    private static async Task<Empty> EmptyCallAsync(Empty request, ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        return new Empty();
    }

    private static async Task<SimpleResponse> UnaryCallAsync(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        EndWithRequestedStatus(request.ResponseStatus);
        CheckResponseType(request.ResponseType);
        return new SimpleResponse { Payload = Zeros(request.ResponseSize) };
    }

    private async Task<SimpleResponse> CacheableUnaryCallAsync(SimpleRequest request, ServerCallContext context)
    {
        // Proxies may cache the answer for a minute; the payload differs per call so that a cache hit is visible.
        await EchoMetadataAsync(context, new Metadata().Add("cache-control", "max-age=60")).ConfigureAwait(false);
        var now = _time.GetUtcNow().UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFromUtf8(now) } };
    }

    private async Task StreamingOutputCallAsync(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        EndWithRequestedStatus(request.ResponseStatus);
        await WriteResponsesAsync(request, responses, context.CancellationToken).ConfigureAwait(false);
    }

    private static async Task<StreamingInputCallResponse> StreamingInputCallAsync(
        IAsyncStreamReader<StreamingInputCallRequest> requests, ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        var total = 0;
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            total += request.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    private async Task FullDuplexCallAsync(
        IAsyncStreamReader<StreamingOutputCallRequest> requests,
        IServerStreamWriter<StreamingOutputCallResponse> responses,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            EndWithRequestedStatus(request.ResponseStatus);
            await WriteResponsesAsync(request, responses, context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task HalfDuplexCallAsync(
        IAsyncStreamReader<StreamingOutputCallRequest> requests,
        IServerStreamWriter<StreamingOutputCallResponse> responses,
        ServerCallContext context)
    {
        await EchoMetadataAsync(context).ConfigureAwait(false);
        var received = new List<StreamingOutputCallRequest>();
        await foreach (var request in requests.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            received.Add(request);
        }

        foreach (var request in received)
        {
            EndWithRequestedStatus(request.ResponseStatus);
            await WriteResponsesAsync(request, responses, context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteResponsesAsync(
        StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, CancellationToken cancellationToken)
    {
        CheckResponseType(request.ResponseType);
        foreach (var parameters in request.ResponseParameters)
        {
            // interval_us is a sleep before each response, counted from the previous one.
            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), _time, cancellationToken).ConfigureAwait(false);
            }

            await responses.WriteAsync(new StreamingOutputCallResponse { Payload = Zeros(parameters.Size) }, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Echo Metadata: <see cref="EchoInitialKey"/> goes back in the response headers, <see cref="EchoTrailingKey"/> in
    /// the trailers, whatever status the call ends with. Response headers are written at once, so a handler calls this
    /// first.
    /// </summary>
    private static async Task EchoMetadataAsync(ServerCallContext context, Metadata? extraHeaders = null)
    {
        var headers = extraHeaders ?? new Metadata();
        if (context.RequestHeaders.Get(EchoInitialKey) is { } initial)
        {
            headers.Add(initial);
        }

        if (headers.Count > 0)
        {
            await context.WriteResponseHeadersAsync(headers).ConfigureAwait(false);
        }

        if (context.RequestHeaders.Get(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(trailing);
        }
    }

    /// <summary>Echo Status: a request naming a status ends the call with it.</summary>
    private static void EndWithRequestedStatus(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    private static void CheckResponseType(PayloadType type)
    {
        if (type != PayloadType.Compressable)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"unsupported response_type {type}"));
        }
    }

    private static Payload Zeros(int size) => new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };
}
