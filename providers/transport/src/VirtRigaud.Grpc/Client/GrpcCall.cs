using System.Buffers.Binary;
using Google.Protobuf;
using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc;

/// <summary>
/// One client call as one HTTP/2 stream: a POST to <c>/package.Service/Method</c> whose body carries the framed requests
/// and whose response carries headers, framed responses and the status in trailers.
/// </summary>
/// <remarks>
/// <para>The final status is decided exactly once (<see cref="Finish"/>), by whichever comes first:</para>
/// <list type="table">
/// <item><term>the response ends</term><description>status from the trailers (or, for an empty body, from
/// <c>grpc-status</c> in the headers: a trailers-only response); INTERNAL when neither carries one</description></item>
/// <item><term>a non-gRPC response</term><description>an explicit <c>grpc-status</c> header, else the HTTP status mapped
/// per doc/http-grpc-status-mapping.md</description></item>
/// <item><term>the deadline passes</term><description>DEADLINE_EXCEEDED (local timer; the server also gets
/// <c>grpc-timeout</c>)</description></item>
/// <item><term>cancellation, Dispose, channel disposal</term><description>CANCELLED</description></item>
/// <item><term>a transport failure</term><description>UNAVAILABLE (connect, I/O) or the mapping of the HTTP/2 error code</description></item>
/// <item><term>a message over a size limit</term><description>RESOURCE_EXHAUSTED</description></item>
/// </list>
/// <para>Every outcome but a completed response resets the stream: cancelling the token given to SendAsync and
/// disposing the response make SocketsHttpHandler send RST_STREAM(CANCEL), which the server sees as an abort.</para>
/// </remarks>
internal sealed partial class GrpcCall<TRequest, TResponse> : IClientCall
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private const double BackoffMultiplier = 1.6;
    private const double BackoffJitter = 0.2;

    private readonly GrpcChannel _channel;
    private readonly Method<TRequest, TResponse> _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _callCts = new();
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // true: a gRPC response whose body is to be read; false: the call ended before (see _status).
    private readonly TaskCompletionSource<bool> _responseReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Status> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();

    private GrpcRequestContent? _content;
    private HttpResponseMessage? _response;
    private Stream? _responseStream;
    private string? _responseEncoding;
    private int _responsesRead;
    private Status? _status;
    private Metadata _trailers = new();
    private ITimer? _deadlineTimer;
    private CancellationTokenRegistration _callerRegistration;
    private CancellationTokenRegistration _channelRegistration;
    private int _reading;
    private int _writing;
    private bool _requestsCompleted;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options)
    {
        _channel = channel;
        _method = method;
        _options = options;

        // Nobody is obliged to look at the headers; a failed call must not leave an unobserved exception behind.
        _headers.Task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    /// <summary>
    /// Starts the call: the HTTP request goes out in the background. <paramref name="request"/> is the single request
    /// of a unary or server-streaming call, <c>null</c> for the streaming kinds.
    /// </summary>
    public void Start(TRequest? request)
    {
        var timeProvider = _channel.TimeProvider;
        var remaining = Timeout.InfiniteTimeSpan;
        if (_options.Deadline is { } deadline)
        {
            remaining = deadline - timeProvider.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                Finish(new Status(StatusCode.DeadlineExceeded, "The deadline had passed before the call started"), reset: false);
                return;
            }
        }

        if (request is null)
        {
            _content = GrpcRequestContent.ForStream();
        }
        else
        {
            var size = request.CalculateSize();
            if (size > _channel.MaxSendMessageSize)
            {
                Finish(SendLimitStatus(size), reset: false);
                return;
            }

            var frame = new byte[MessageFraming.HeaderSize + size];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
            request.WriteTo(frame.AsSpan(MessageFraming.HeaderSize));
            _content = GrpcRequestContent.ForFrame(frame);
        }

        // Registering on an already cancelled token runs the callback at once, so the call ends before it is sent.
        _callerRegistration = _options.CancellationToken.UnsafeRegister(static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel("Call cancelled by the caller"), this);
        _channelRegistration = _channel.DisposedToken.UnsafeRegister(static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel("The channel was disposed"), this);

        // Timers cannot be longer than about 49 days; such a deadline is then only enforced by the server.
        if (remaining > TimeSpan.Zero && remaining < TimeSpan.FromMilliseconds(uint.MaxValue - 1))
        {
            _deadlineTimer = timeProvider.CreateTimer(
                static state => ((GrpcCall<TRequest, TResponse>)state!).Finish(new Status(StatusCode.DeadlineExceeded, "Deadline exceeded"), reset: true),
                this,
                remaining,
                Timeout.InfiniteTimeSpan);
        }

        if (IsFinished)
        {
            // It ended while starting, possibly before the fields above were assigned for Finish to release them;
            // a registration left on the channel's token would keep the call alive as long as the channel.
            _callerRegistration.Dispose();
            _channelRegistration.Dispose();
            _deadlineTimer?.Dispose();
            return;
        }

        _ = RunAsync();
    }

    public Status GetStatus()
    {
        lock (_lock)
        {
            return _status ?? throw new InvalidOperationException("The call is still in progress; the status is known once the response has been read to its end");
        }
    }

    public Metadata GetTrailers()
    {
        lock (_lock)
        {
            return _status is null
                ? throw new InvalidOperationException("The call is still in progress; the trailers are known once the response has been read to its end")
                : _trailers;
        }
    }

    public void Dispose() => Cancel("The call was disposed");

    private bool IsFinished
    {
        get
        {
            lock (_lock)
            {
                return _status is not null;
            }
        }
    }

    private static Status SendLimitStatus(int size) =>
        new(StatusCode.ResourceExhausted, $"Sending message exceeds the maximum configured message size ({size} bytes)");

    private void Cancel(string detail) => Finish(new Status(StatusCode.Cancelled, detail), reset: true);

    /// <summary>Ends the call with <paramref name="status"/> unless it already ended; returns the status it ended with.</summary>
    private Status Finish(Status status, bool reset, Metadata? trailers = null)
    {
        HttpResponseMessage? response;
        lock (_lock)
        {
            if (_status is { } existing)
            {
                return existing;
            }

            _status = status;
            _trailers = trailers ?? new Metadata();
            response = _response;
        }

        _deadlineTimer?.Dispose();
        _callerRegistration.Dispose();
        _channelRegistration.Dispose();
        if (reset)
        {
            _callCts.Cancel();
        }

        // After a complete response this only frees the stream; otherwise SocketsHttpHandler resets it (RST_STREAM).
        response?.Dispose();
        _content?.CompleteRequestBody();
        if (status.Code == StatusCode.OK)
        {
            // Only an explicit OK without a body gets here before the headers were published: they were empty.
            _headers.TrySetResult(new Metadata());
        }
        else
        {
            _headers.TrySetException(CreateException(status));
        }

        _responseReady.TrySetResult(false);
        _finished.TrySetResult(status);
        return status;
    }

    private RpcException CreateException(Status status, Exception? inner = null)
    {
        Metadata trailers;
        lock (_lock)
        {
            trailers = _trailers;
        }

        return inner is null ? new RpcException(status, trailers) : new RpcException(status, trailers, inner);
    }

    private CancellationTokenRegistration RegisterCallerToken(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => ((GrpcCall<TRequest, TResponse>)state!).Cancel("Call cancelled by the caller"), this)
            : default;

    private Status MapException(Exception e, string context)
    {
        lock (_lock)
        {
            if (_status is { } status)
            {
                return status;
            }
        }

        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is HttpProtocolException protocol)
            {
                return ClientProtocol.FromHttp2ErrorCode(protocol.ErrorCode);
            }
        }

        return e switch
        {
            HttpRequestException http when IsConnectFailure(http) => new Status(StatusCode.Unavailable, $"Failed to connect to {_channel.Address.Authority}: {Innermost(http)}"),
            HttpRequestException or IOException => new Status(StatusCode.Unavailable, $"{context}: {e.Message}"),
            OperationCanceledException { InnerException: TimeoutException } => new Status(StatusCode.Unavailable, $"Failed to connect to {_channel.Address.Authority}: {e.Message}"),
            OperationCanceledException or ObjectDisposedException => new Status(StatusCode.Cancelled, $"{context}: {e.Message}"),
            _ => new Status(StatusCode.Internal, $"{context}: {e.GetType().Name}: {e.Message}"),
        };
    }

    /// <summary>
    /// The most specific reason in an exception chain ("The SSL connection could not be established" hides the
    /// certificate problem in an inner exception), with the outer message when they differ.
    /// </summary>
    private static string Innermost(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, e) ? e.Message : $"{e.Message} ({inner.Message})";
    }

    private static bool IsConnectFailure(HttpRequestException e) => e.HttpRequestError is
        HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
}
