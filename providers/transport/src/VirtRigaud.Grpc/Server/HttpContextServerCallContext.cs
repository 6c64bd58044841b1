using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc;

/// <summary>
/// The <see cref="ServerCallContext"/> of a call served by Kestrel. It owns the response side of the HTTP/2 stream:
/// headers, framed messages and the status, which goes into trailers — or, when nothing was sent yet, into the one
/// HEADERS frame of a trailers-only response. It also runs the deadline.
/// </summary>
/// <remarks>
/// Threads: the handler writes messages while the deadline timer may end the call; both go through
/// <see cref="_writeLock"/>, and <see cref="_ended"/> (guarded by it) makes the status final exactly once.
/// <list type="table">
/// <item><term>handler returns or throws</term><description><see cref="EndCallAsync"/> writes the status; Kestrel sends it when the request delegate returns.</description></item>
/// <item><term>deadline passes</term><description>token cancelled, status DEADLINE_EXCEEDED written and the response completed at once; a stream whose response had started is also reset (CANCEL), as grpc-dotnet does.</description></item>
/// <item><term>client resets the stream</term><description>token cancelled (RequestAborted); nothing more can be sent.</description></item>
/// </list>
/// </remarks>
internal sealed class HttpContextServerCallContext : ServerCallContext, IAsyncDisposable
{
    /// <summary>The HTTP/2 CANCEL error code (RFC 9113 §7).</summary>
    private const int Http2CancelErrorCode = 0x8;

    /// <summary>The longest due time a timer accepts; longer deadlines re-arm it.</summary>
    private static readonly TimeSpan MaxTimerDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly HttpContext _http;
    private readonly ServerCallHandler _handler;
    private readonly GrpcServerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationToken _stopping;
    private readonly CancellationTokenSource _cts;
    /// <summary>How many writes may complete synchronously in a row before a write yields to the thread pool.</summary>
    private const int SynchronousWritesBeforeYield = 64;

    private readonly CancellationToken _token;
    private int _synchronousWrites;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Lock _sync = new();
    private readonly Metadata _responseTrailers = new();
    private Metadata? _requestHeaders;
    private DateTimeOffset? _deadline;
    private Dictionary<object, object?>? _userState;
    private string? _peer;
    private ITimer? _deadlineTimer;
    private bool _deadlineTimerClamped;
    private TimeSpan _timeout;
    private Task? _deadlineCompletion;
    private bool _finishing;
    private bool _ended;
    private volatile bool _deadlineExceeded;
    private volatile bool _clientReset;

    public HttpContextServerCallContext(HttpContext http, ServerCallHandler handler, GrpcServerOptions options, ILogger logger, TimeProvider time, CancellationToken stopping)
    {
        _http = http;
        _handler = handler;
        _options = options;
        _logger = logger;
        _time = time;
        _stopping = stopping;
        _cts = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        _token = _cts.Token;
    }

    public override string Method => _handler.FullName;

    public override string Host => _http.Request.Host.Value ?? "";

    public override string Peer => _peer ??= FormatPeer(_http.Connection);

    public override Metadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    public override Metadata ResponseTrailers => _responseTrailers;

    public override DateTimeOffset? Deadline => _deadline;

    public override CancellationToken CancellationToken => _token;

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override X509Certificate2? ClientCertificate => _http.Connection.ClientCertificate;

    public override HttpContext HttpContext => _http;

    public override IDictionary<object, object?> UserState => _userState ??= [];

    /// <summary>
    /// The code the transport already imposed on the call whatever the handler does: DEADLINE_EXCEEDED once the deadline
    /// passed, CANCELLED once the client reset the stream; otherwise <c>null</c>.
    /// </summary>
    public StatusCode? TransportOutcome =>
        _deadlineExceeded ? StatusCode.DeadlineExceeded
        : _clientReset || _http.RequestAborted.IsCancellationRequested ? StatusCode.Cancelled
        : null;

    private string? RequestEncoding { get; set; }

    private int MaxReceiveMessageSize => _options.MaxReceiveMessageSize ?? int.MaxValue;

    private int MaxSendMessageSize => _options.MaxSendMessageSize ?? int.MaxValue;

    /// <summary>Prepares the response headers every gRPC response carries and starts the deadline.</summary>
    public void Start()
    {
        var request = _http.Request;
        var encoding = request.Headers[GrpcProtocol.EncodingHeader];
        RequestEncoding = encoding.Count == 0 ? null : encoding.ToString().Trim();

        var response = _http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.AcceptedEncodings;

        var timeout = request.Headers[GrpcProtocol.TimeoutHeader];
        if (timeout.Count == 0)
        {
            return;
        }

        if (!GrpcProtocol.TryParseTimeout(timeout.ToString(), out _timeout))
        {
            GrpcServerLog.InvalidTimeoutIgnored(_logger, Method, timeout.ToString());
            return;
        }

        var now = _time.GetUtcNow();
        _deadline = _timeout >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + _timeout;
        _deadlineTimerClamped = _timeout > MaxTimerDueTime;
        _deadlineTimer = _time.CreateTimer(
            static state => ((HttpContextServerCallContext)state!).OnDeadlineTimer(),
            this,
            _deadlineTimerClamped ? MaxTimerDueTime : _timeout,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>Reads the single request message of a unary or server-streaming call, which must be followed by the end of the stream.</summary>
    public async Task<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        var message = await ReadMessageAsync(parser, CancellationToken.None).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, "Request did not include a message."));
        if (await ReadMessageAsync(parser, CancellationToken.None).ConfigureAwait(false) is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Additional data after the message received."));
        }

        return message;
    }

    /// <summary>Reads the next request message, or <c>null</c> once the client half-closed.</summary>
    public async Task<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        using var linked = Link(cancellationToken);
        var token = linked?.Token ?? _token;
        try
        {
            return await MessageFraming.ReadMessageAsync(_http.Request.Body, parser, MaxReceiveMessageSize, RequestEncoding, token).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            // Kestrel fails body reads with an IOException when the client resets the stream, possibly before
            // RequestAborted fires; for the handler this is a cancellation.
            _clientReset = true;
            throw new OperationCanceledException("The client cancelled the call.", e, _token);
        }
    }

    /// <summary>Writes the response of a unary or client-streaming call, unless the handler set a non-OK status.</summary>
    public Task WriteSingleResponseAsync(IMessage? response)
    {
        if (response is null)
        {
            throw new InvalidOperationException($"The handler of {Method} returned no response message.");
        }

        return Status.Code == StatusCode.OK ? WriteMessageAsync(response, CancellationToken.None) : Task.CompletedTask;
    }

    /// <summary>Frames, writes and flushes one response message; the response headers go out with the first.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED when the message exceeds the send limit; DEADLINE_EXCEEDED after the deadline ended the call.</exception>
    public async Task WriteMessageAsync(IMessage message, CancellationToken cancellationToken)
    {
        using var linked = Link(cancellationToken);
        var token = linked?.Token ?? _token;
        await _writeLock.WaitAsync(token).ConfigureAwait(false);
        try
        {
            ThrowIfEnded();
            var write = MessageFraming.WriteMessageAsync(_http.Response.Body, message, MaxSendMessageSize, token);
            var completedSynchronously = write.IsCompleted;
            await write.ConfigureAwait(false);

            // After the client resets the stream Kestrel discards writes, so they complete at once, and it cancels
            // RequestAborted from a thread-pool work item. A handler that writes in a loop would then never yield, and
            // with every pool thread in such a loop that work item never runs (seen in the benchmark: 200 % CPU for
            // good). Yield now and then while writes keep completing synchronously, so the cancellation gets through.
            if (!completedSynchronously)
            {
                _synchronousWrites = 0;
            }
            else if (++_synchronousWrites >= SynchronousWritesBeforeYield)
            {
                _synchronousWrites = 0;
                await Task.Yield();
                token.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async Task WriteResponseHeadersAsync(Metadata headers)
    {
        await _writeLock.WaitAsync(_token).ConfigureAwait(false);
        try
        {
            ThrowIfEnded();
            var response = _http.Response;
            if (response.HasStarted)
            {
                throw new InvalidOperationException("Response headers can only be sent once per call.");
            }

            AppendMetadata(response.Headers, headers);
            await response.StartAsync(_token).ConfigureAwait(false);
            await response.Body.FlushAsync(_token).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// The status a failed call ends with, without side effects: the transport's outcome (deadline, client reset) wins,
    /// then an <see cref="RpcException"/>'s status; any other exception is UNKNOWN, with its message only when detailed
    /// errors are enabled.
    /// </summary>
    public Status StatusFor(Exception exception)
    {
        switch (TransportOutcome)
        {
            case StatusCode.DeadlineExceeded:
                return new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
            case StatusCode.Cancelled:
                return new Status(StatusCode.Cancelled, "The client cancelled the call.");
        }

        return exception switch
        {
            RpcException rpc => rpc.Status,
            OperationCanceledException when _stopping.IsCancellationRequested => new Status(StatusCode.Unavailable, "The server is shutting down."),
            _ => new Status(
                StatusCode.Unknown,
                _options.EnableDetailedErrors ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}" : "Exception was thrown by handler."),
        };
    }

    /// <summary>Turns a handler or interceptor failure into the call's final status, logging unexpected exceptions once.</summary>
    public Status Fail(Exception exception)
    {
        var status = StatusFor(exception);
        if (TransportOutcome == StatusCode.Cancelled)
        {
            GrpcServerLog.CancelledByClient(_logger, Method);
        }
        else if (TransportOutcome is null && exception is RpcException rpc)
        {
            foreach (var entry in rpc.Trailers)
            {
                _responseTrailers.Add(entry);
            }
        }
        else if (status.Code == StatusCode.Unknown)
        {
            GrpcServerLog.HandlerFailed(_logger, Method, exception);
        }

        return status;
    }

    /// <summary>
    /// Makes <paramref name="status"/> and <see cref="ResponseTrailers"/> the end of the response, unless the deadline
    /// already ended the call or the client is gone. Kestrel sends them when the request delegate returns.
    /// </summary>
    public async Task EndCallAsync(Status status)
    {
        lock (_sync)
        {
            _finishing = true;
        }

        await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            if (TransportOutcome == StatusCode.Cancelled)
            {
                return;
            }

            WriteStatus(status, _responseTrailers);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Stops the deadline and waits for a deadline completion in flight, so nothing touches the HttpContext after the call.</summary>
    public async ValueTask DisposeAsync()
    {
        Task? deadlineCompletion;
        lock (_sync)
        {
            _finishing = true;
            deadlineCompletion = _deadlineCompletion;
        }

        if (_deadlineTimer is not null)
        {
            await _deadlineTimer.DisposeAsync().ConfigureAwait(false);
        }

        if (deadlineCompletion is not null)
        {
            await deadlineCompletion.ConfigureAwait(false);
        }

        // The write lock is left undisposed on purpose: a task the handler leaked may still try to write, and it
        // should get "the call has ended", not an ObjectDisposedException.
        _cts.Dispose();
    }

    private void OnDeadlineTimer()
    {
        lock (_sync)
        {
            if (_finishing || _deadlineCompletion is not null)
            {
                return;
            }

            if (_deadlineTimerClamped)
            {
                var remaining = _deadline!.Value - _time.GetUtcNow();
                if (remaining > TimeSpan.Zero)
                {
                    _deadlineTimerClamped = remaining > MaxTimerDueTime;
                    _deadlineTimer?.Change(_deadlineTimerClamped ? MaxTimerDueTime : remaining, Timeout.InfiniteTimeSpan);
                    return;
                }
            }

            _deadlineExceeded = true;
            _deadlineCompletion = Task.Run(DeadlineExceededAsync);
        }
    }

    private async Task DeadlineExceededAsync()
    {
        GrpcServerLog.DeadlineExceeded(_logger, Method, _timeout);
        try
        {
            _cts.Cancel();
        }
        catch (AggregateException e)
        {
            GrpcServerLog.CancellationCallbackFailed(_logger, Method, e);
        }

        // Writers observe the cancelled token, so the lock is released promptly.
        await _writeLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            if (_clientReset || _http.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            var started = _http.Response.HasStarted;
            WriteStatus(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"), trailers: null);
            await _http.Response.CompleteAsync().ConfigureAwait(false);
            if (started)
            {
                // The client may still be sending; a reset tells it the stream is over (grpc-dotnet does the same).
                _http.Features.Get<IHttpResetFeature>()?.Reset(Http2CancelErrorCode);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            GrpcServerLog.DeadlineCompletionFailed(_logger, Method, e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void WriteStatus(Status status, Metadata? trailers)
    {
        var response = _http.Response;
        var code = ((int)status.Code).ToString(CultureInfo.InvariantCulture);
        if (!response.HasStarted)
        {
            // Trailers-only: the status and trailers travel in the single HEADERS frame, which ends the stream.
            var headers = response.Headers;
            headers[GrpcProtocol.StatusHeader] = code;
            if (status.Detail.Length > 0)
            {
                headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(status.Detail);
            }

            if (trailers is not null)
            {
                AppendMetadata(headers, trailers);
            }

            return;
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, code);
        if (status.Detail.Length > 0)
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, GrpcProtocol.EncodeMessage(status.Detail));
        }

        if (trailers is not null)
        {
            foreach (var (key, value) in EncodeMetadata(trailers))
            {
                response.AppendTrailer(key, value);
            }
        }
    }

    private void ThrowIfEnded()
    {
        if (_ended)
        {
            throw _deadlineExceeded
                ? new RpcException(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"))
                : new InvalidOperationException($"{Method} has already ended; nothing more can be sent.");
        }
    }

    /// <summary>A source for the call token combined with the caller's, or <c>null</c> when the call token alone will do (the common case: handlers pass it).</summary>
    private CancellationTokenSource? Link(CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled && cancellationToken != _token ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _token) : null;

    private Metadata ReadRequestHeaders()
    {
        var metadata = new Metadata();
        foreach (var (name, values) in _http.Request.Headers)
        {
            if (GrpcProtocol.IsReservedHeader(name))
            {
                continue;
            }

            var key = name.ToLowerInvariant();
            try
            {
                foreach (var value in values)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (MetadataEntry.IsBinaryKey(key))
                    {
                        // Repeated -bin headers may arrive joined with commas; base64 never contains one.
                        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                        {
                            metadata.Add(key, GrpcProtocol.DecodeBinary(part));
                        }
                    }
                    else
                    {
                        metadata.Add(key, value);
                    }
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                GrpcServerLog.InvalidMetadataIgnored(_logger, Method, key);
            }
        }

        return metadata;
    }

    private static void AppendMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var (key, value) in EncodeMetadata(metadata))
        {
            headers.Append(key, value);
        }
    }

    /// <summary>Metadata as HTTP/2 header fields: reserved names dropped, <c>-bin</c> values in unpadded base64.</summary>
    private static IEnumerable<(string Key, string Value)> EncodeMetadata(Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            if (GrpcProtocol.IsReservedHeader(entry.Key))
            {
                continue;
            }

            yield return (entry.Key, entry.IsBinary ? GrpcProtocol.EncodeBinary(entry.ValueBytes) : entry.Value);
        }
    }

    private static string FormatPeer(ConnectionInfo connection)
    {
        var address = connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? string.Create(CultureInfo.InvariantCulture, $"ipv6:[{address}]:{connection.RemotePort}")
            : string.Create(CultureInfo.InvariantCulture, $"ipv4:{address}:{connection.RemotePort}");
    }
}
