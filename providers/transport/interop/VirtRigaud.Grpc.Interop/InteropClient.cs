using System.Diagnostics;
using Google.Protobuf;
using VirtRigaud.Grpc.Interop.Testing;

namespace VirtRigaud.Grpc.Interop;

/// <summary>
/// The named client cases of grpc's doc/interop-test-descriptions.md, run over our client against any
/// <c>grpc.testing.TestService</c> server. A case passes when <see cref="RunCaseAsync"/> returns; it fails with an
/// <see cref="InteropCaseFailedException"/> (an assertion of the spec did not hold) or any other exception.
/// </summary>
public sealed class InteropClient
{
    /// <summary>Every case, in the order <c>all</c> runs them.</summary>
    public static readonly IReadOnlyList<string> CaseNames =
    [
        "empty_unary",
        "large_unary",
        "client_streaming",
        "server_streaming",
        "ping_pong",
        "empty_stream",
        "timeout_on_sleeping_server",
        "cancel_after_begin",
        "cancel_after_first_response",
        "status_code_and_message",
        "special_status_message",
        "custom_metadata",
        "unimplemented_method",
        "unimplemented_service",
    ];

    /// <summary>The message special_status_message asks the server to end the call with.</summary>
    public const string SpecialStatusMessage = "\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n";

    private const string EchoInitialValue = "test_initial_metadata_value";

    private static readonly byte[] EchoTrailingValue = [0xab, 0xab, 0xab];

    // (request payload size, response payload size) of client_streaming, server_streaming and ping_pong.
    private static readonly (int Request, int Response)[] StreamSizes = [(27182, 31415), (8, 9), (1828, 2653), (45904, 58979)];

    private readonly CallInvoker _invoker;
    private readonly TimeProvider _time;

    /// <param name="invoker">Calls go through this invoker (one channel to the server under test).</param>
    /// <param name="callTimeout">The deadline of every call except timeout_on_sleeping_server's 1 ms.</param>
    /// <param name="time">The clock deadlines are computed on.</param>
    public InteropClient(CallInvoker invoker, TimeSpan callTimeout, TimeProvider? time = null)
    {
        _invoker = invoker;
        CallTimeout = callTimeout;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The deadline of every call, so that a broken server fails a case instead of hanging it.</summary>
    public TimeSpan CallTimeout { get; }

    /// <summary>
    /// Runs the cases in order and writes one line per case to <paramref name="output"/>: <c>PASS name (12 ms)</c> or
    /// <c>FAIL name: reason</c>. Returns the number of failed cases.
    /// </summary>
    public async Task<int> RunCasesAsync(IEnumerable<string> names, TextWriter output, CancellationToken cancellationToken)
    {
        var failed = 0;
        foreach (var name in names)
        {
            var started = Stopwatch.GetTimestamp();
            string? failure = null;
            try
            {
                await RunCaseAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // A case's failure, whatever it is, is reported and the run goes on with the next case.
                failure = DescribeFailure(e);
            }

            if (failure is null)
            {
                var ms = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                await output.WriteLineAsync($"PASS {name} ({ms} ms)".AsMemory(), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                failed++;
                await output.WriteLineAsync($"FAIL {name}: {failure}".AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return failed;
    }

    /// <summary>Runs one named case.</summary>
    /// <exception cref="ArgumentException">No case has that name.</exception>
    /// <exception cref="InteropCaseFailedException">An assertion of the case did not hold.</exception>
    /// <exception cref="RpcException">A call failed where the case expects success.</exception>
    public Task RunCaseAsync(string name, CancellationToken cancellationToken) => name switch
    {
        "empty_unary" => EmptyUnaryAsync(cancellationToken),
        "large_unary" => LargeUnaryAsync(cancellationToken),
        "client_streaming" => ClientStreamingAsync(cancellationToken),
        "server_streaming" => ServerStreamingAsync(cancellationToken),
        "ping_pong" => PingPongAsync(cancellationToken),
        "empty_stream" => EmptyStreamAsync(cancellationToken),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServerAsync(cancellationToken),
        "cancel_after_begin" => CancelAfterBeginAsync(cancellationToken),
        "cancel_after_first_response" => CancelAfterFirstResponseAsync(cancellationToken),
        "status_code_and_message" => StatusCodeAndMessageAsync(cancellationToken),
        "special_status_message" => SpecialStatusMessageAsync(cancellationToken),
        "custom_metadata" => CustomMetadataAsync(cancellationToken),
        "unimplemented_method" => UnimplementedMethodAsync(cancellationToken),
        "unimplemented_service" => UnimplementedServiceAsync(cancellationToken),
        _ => throw new ArgumentException($"unknown interop case \"{name}\"; known: {string.Join(", ", CaseNames)}", nameof(name)),
    };

    private async Task EmptyUnaryAsync(CancellationToken cancellationToken)
    {
        using var call = _invoker.AsyncUnaryCall(InteropMethods.EmptyCall, new Empty(), Options(cancellationToken));
        var response = await call.ResponseAsync.ConfigureAwait(false);
        Check(response is not null, "response is null");
    }

    private async Task LargeUnaryAsync(CancellationToken cancellationToken)
    {
        var request = new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) };
        using var call = _invoker.AsyncUnaryCall(InteropMethods.UnaryCall, request, Options(cancellationToken));
        var response = await call.ResponseAsync.ConfigureAwait(false);
        CheckPayload(response.Payload, 314159, "response");
    }

    private async Task ClientStreamingAsync(CancellationToken cancellationToken)
    {
        using var call = _invoker.AsyncClientStreamingCall(InteropMethods.StreamingInputCall, Options(cancellationToken));
        foreach (var (size, _) in StreamSizes)
        {
            await call.RequestStream.WriteAsync(new StreamingInputCallRequest { Payload = Zeros(size) }, cancellationToken).ConfigureAwait(false);
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        var response = await call.ResponseAsync.ConfigureAwait(false);
        Check(response.AggregatedPayloadSize == 74922, $"aggregated_payload_size is {response.AggregatedPayloadSize}, want 74922");
    }

    private async Task ServerStreamingAsync(CancellationToken cancellationToken)
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(StreamSizes.Select(s => new ResponseParameters { Size = s.Response }));
        using var call = _invoker.AsyncServerStreamingCall(InteropMethods.StreamingOutputCall, request, Options(cancellationToken));
        var responses = new List<StreamingOutputCallResponse>();
        await foreach (var response in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            responses.Add(response);
        }

        Check(responses.Count == StreamSizes.Length, $"{responses.Count} responses, want {StreamSizes.Length}");
        for (var i = 0; i < responses.Count; i++)
        {
            CheckPayload(responses[i].Payload, StreamSizes[i].Response, $"response {i}");
        }

        CheckOk(call.GetStatus());
    }

    private async Task PingPongAsync(CancellationToken cancellationToken)
    {
        using var call = _invoker.AsyncDuplexStreamingCall(InteropMethods.FullDuplexCall, Options(cancellationToken));
        for (var i = 0; i < StreamSizes.Length; i++)
        {
            var (requestSize, responseSize) = StreamSizes[i];
            var request = new StreamingOutputCallRequest { Payload = Zeros(requestSize) };
            request.ResponseParameters.Add(new ResponseParameters { Size = responseSize });
            await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
            Check(await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false), $"stream ended after {i} responses, want 4");
            CheckPayload(call.ResponseStream.Current.Payload, responseSize, $"response {i}");
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        Check(!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false), "a fifth response, want the end of the stream");
        CheckOk(call.GetStatus());
    }

    private async Task EmptyStreamAsync(CancellationToken cancellationToken)
    {
        using var call = _invoker.AsyncDuplexStreamingCall(InteropMethods.FullDuplexCall, Options(cancellationToken));
        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        Check(!await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false), "a response, want none");
        CheckOk(call.GetStatus());
    }

    private async Task TimeoutOnSleepingServerAsync(CancellationToken cancellationToken)
    {
        var options = new CallOptions(Deadline: _time.GetUtcNow() + TimeSpan.FromMilliseconds(1), CancellationToken: cancellationToken);
        using var call = _invoker.AsyncDuplexStreamingCall(InteropMethods.FullDuplexCall, options);
        // The request stream stays open, so the server never finishes: only the deadline can end the call. The deadline
        // may already have passed when the request is written; then the write itself reports it.
        var failure = await ExpectFailureAsync(
            async () =>
            {
                await call.RequestStream.WriteAsync(new StreamingOutputCallRequest { Payload = Zeros(27182) }, cancellationToken).ConfigureAwait(false);
                await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
            },
            StatusCode.DeadlineExceeded,
            "call").ConfigureAwait(false);
        Check(call.GetStatus().Code == StatusCode.DeadlineExceeded, $"call status is {call.GetStatus().Code} after {failure.StatusCode}");
    }

    private async Task CancelAfterBeginAsync(CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = _invoker.AsyncClientStreamingCall(InteropMethods.StreamingInputCall, Options(cancel.Token));
        await cancel.CancelAsync().ConfigureAwait(false);
        await ExpectFailureAsync(() => call.ResponseAsync, StatusCode.Cancelled, "call").ConfigureAwait(false);
    }

    private async Task CancelAfterFirstResponseAsync(CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = _invoker.AsyncDuplexStreamingCall(InteropMethods.FullDuplexCall, Options(cancel.Token));
        var request = new StreamingOutputCallRequest { Payload = Zeros(27182) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415 });
        await call.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        Check(await call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false), "no response before the end of the stream");
        CheckPayload(call.ResponseStream.Current.Payload, 31415, "response 0");
        await cancel.CancelAsync().ConfigureAwait(false);
        await ExpectFailureAsync(() => call.ResponseStream.MoveNext(cancellationToken), StatusCode.Cancelled, "read after cancel").ConfigureAwait(false);
    }

    private async Task StatusCodeAndMessageAsync(CancellationToken cancellationToken)
    {
        const string message = "test status message";
        var status = new EchoStatus { Code = (int)StatusCode.Unknown, Message = message };

        using (var unary = _invoker.AsyncUnaryCall(InteropMethods.UnaryCall, new SimpleRequest { ResponseStatus = status }, Options(cancellationToken)))
        {
            var e = await ExpectFailureAsync(() => unary.ResponseAsync, StatusCode.Unknown, "UnaryCall").ConfigureAwait(false);
            Check(e.Status.Detail == message, $"UnaryCall: message \"{e.Status.Detail}\", want \"{message}\"");
        }

        using var duplex = _invoker.AsyncDuplexStreamingCall(InteropMethods.FullDuplexCall, Options(cancellationToken));
        var failure = await ExpectFailureAsync(
            async () =>
            {
                await duplex.RequestStream.WriteAsync(new StreamingOutputCallRequest { ResponseStatus = status }, cancellationToken).ConfigureAwait(false);
                await duplex.RequestStream.CompleteAsync().ConfigureAwait(false);
                await duplex.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
            },
            StatusCode.Unknown,
            "FullDuplexCall").ConfigureAwait(false);
        Check(failure.Status.Detail == message, $"FullDuplexCall: message \"{failure.Status.Detail}\", want \"{message}\"");
    }

    private async Task SpecialStatusMessageAsync(CancellationToken cancellationToken)
    {
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = (int)StatusCode.Unknown, Message = SpecialStatusMessage } };
        using var call = _invoker.AsyncUnaryCall(InteropMethods.UnaryCall, request, Options(cancellationToken));
        var e = await ExpectFailureAsync(() => call.ResponseAsync, StatusCode.Unknown, "UnaryCall").ConfigureAwait(false);
        Check(e.Status.Detail == SpecialStatusMessage, $"message {Quote(e.Status.Detail)}, want {Quote(SpecialStatusMessage)}");
    }

    private async Task CustomMetadataAsync(CancellationToken cancellationToken)
    {
        var unaryRequest = new SimpleRequest { ResponseSize = 314159, Payload = Zeros(271828) };
        using (var unary = _invoker.AsyncUnaryCall(InteropMethods.UnaryCall, unaryRequest, Options(cancellationToken, EchoHeaders())))
        {
            var response = await unary.ResponseAsync.ConfigureAwait(false);
            CheckPayload(response.Payload, 314159, "UnaryCall response");
            CheckEchoed(await unary.ResponseHeadersAsync.ConfigureAwait(false), unary.GetTrailers(), "UnaryCall");
        }

        using var duplex = _invoker.AsyncDuplexStreamingCall(InteropMethods.FullDuplexCall, Options(cancellationToken, EchoHeaders()));
        var request = new StreamingOutputCallRequest { Payload = Zeros(271828) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
        await duplex.RequestStream.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        await duplex.RequestStream.CompleteAsync().ConfigureAwait(false);
        var responses = new List<StreamingOutputCallResponse>();
        await foreach (var response in duplex.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            responses.Add(response);
        }

        Check(responses.Count == 1, $"FullDuplexCall: {responses.Count} responses, want 1");
        CheckPayload(responses[0].Payload, 314159, "FullDuplexCall response");
        CheckEchoed(await duplex.ResponseHeadersAsync.ConfigureAwait(false), duplex.GetTrailers(), "FullDuplexCall");
    }

    private async Task UnimplementedMethodAsync(CancellationToken cancellationToken)
    {
        using var call = _invoker.AsyncUnaryCall(InteropMethods.UnimplementedCall, new Empty(), Options(cancellationToken));
        await ExpectFailureAsync(() => call.ResponseAsync, StatusCode.Unimplemented, "TestService/UnimplementedCall").ConfigureAwait(false);
    }

    private async Task UnimplementedServiceAsync(CancellationToken cancellationToken)
    {
        using var call = _invoker.AsyncUnaryCall(InteropMethods.UnimplementedServiceCall, new Empty(), Options(cancellationToken));
        await ExpectFailureAsync(() => call.ResponseAsync, StatusCode.Unimplemented, "UnimplementedService/UnimplementedCall").ConfigureAwait(false);
    }

    private CallOptions Options(CancellationToken cancellationToken, Metadata? headers = null) =>
        new(Headers: headers, Deadline: _time.GetUtcNow() + CallTimeout, CancellationToken: cancellationToken);

    private static Metadata EchoHeaders() =>
        new Metadata().Add(TestServiceImpl.EchoInitialKey, EchoInitialValue).Add(TestServiceImpl.EchoTrailingKey, EchoTrailingValue);

    private static Payload Zeros(int size) => new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) };

    /// <summary>Runs <paramref name="action"/>, which must fail with an <see cref="RpcException"/> of the code.</summary>
    private static async Task<RpcException> ExpectFailureAsync(Func<Task> action, StatusCode code, string what)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            Check(e.StatusCode == code, $"{what}: status {e.StatusCode} ({Quote(e.Status.Detail)}), want {code}");
            return e;
        }

        throw new InteropCaseFailedException($"{what}: succeeded, want {code}");
    }

    private static void CheckPayload(Payload? payload, int size, string what)
    {
        Check(payload is not null, $"{what}: no payload");
        Check(payload!.Body.Length == size, $"{what}: payload body is {payload.Body.Length} bytes, want {size}");
        Check(!payload.Body.Span.ContainsAnyExcept((byte)0), $"{what}: payload body is not all zeros");
    }

    private static void CheckOk(Status status) => Check(status.Code == StatusCode.OK, $"call ended with {status}, want OK");

    private static void CheckEchoed(Metadata headers, Metadata trailers, string what)
    {
        var initial = headers.GetAll(TestServiceImpl.EchoInitialKey).ToList();
        Check(
            initial is [{ IsBinary: false, Value: EchoInitialValue }],
            $"{what}: response headers {TestServiceImpl.EchoInitialKey} = [{string.Join(", ", initial)}], want {EchoInitialValue}");
        var trailing = trailers.GetAll(TestServiceImpl.EchoTrailingKey).ToList();
        Check(
            trailing.Count == 1 && trailing[0].ValueBytes.AsSpan().SequenceEqual(EchoTrailingValue),
            $"{what}: trailers {TestServiceImpl.EchoTrailingKey} = [{string.Join(", ", trailing.Select(t => Convert.ToHexString(t.ValueBytes)))}], want ABABAB");
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InteropCaseFailedException(message);
        }
    }

    private static string DescribeFailure(Exception e) => e switch
    {
        InteropCaseFailedException => e.Message,
        RpcException rpc => $"unexpected status {rpc.StatusCode} ({Quote(rpc.Status.Detail)})",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>A status message as a one-line literal: the special message holds tabs and line breaks.</summary>
    private static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
