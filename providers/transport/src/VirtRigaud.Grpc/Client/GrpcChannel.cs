using System.Net;
using System.Net.Security;

namespace VirtRigaud.Grpc;

/// <summary>
/// A connection pool to one gRPC server (<c>http://host:port</c> = HTTP/2 cleartext with prior knowledge,
/// <c>https://host:port</c> = HTTP/2 over TLS with ALPN h2). Calls are multiplexed as HTTP/2 streams; when a connection
/// runs out of streams (the server's SETTINGS_MAX_CONCURRENT_STREAMS) another one is opened. Create one channel per
/// target and share it; disposing it cancels the calls still running.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly HttpMessageHandler _handler;
    private readonly bool _disposeHandler;
    private readonly CancellationTokenSource _disposed = new();
    private readonly string _pathBase;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        _pathBase = address.AbsolutePath.TrimEnd('/');
        MaxReceiveMessageSize = options.MaxReceiveMessageSize ?? int.MaxValue;
        MaxSendMessageSize = options.MaxSendMessageSize ?? int.MaxValue;
        InitialReconnectBackoff = options.InitialReconnectBackoff;
        MaxReconnectBackoff = options.MaxReconnectBackoff;
        TimeProvider = options.TimeProvider;
        if (options.HttpHandler is { } handler)
        {
            _handler = handler;
            _disposeHandler = false;
        }
        else
        {
            _handler = CreateHandler(options);
            _disposeHandler = true;
        }

        Invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
    }

    /// <summary>The server's address as given (scheme, host, port and an optional path prefix).</summary>
    public Uri Address { get; }

    internal HttpMessageInvoker Invoker { get; }

    internal int MaxReceiveMessageSize { get; }

    internal int MaxSendMessageSize { get; }

    internal TimeSpan InitialReconnectBackoff { get; }

    internal TimeSpan MaxReconnectBackoff { get; }

    internal TimeProvider TimeProvider { get; }

    /// <summary>Fires when the channel is disposed; running calls end with CANCELLED.</summary>
    /// <remarks>The source is never disposed: calls may still register on the token after the channel is gone.</remarks>
    internal CancellationToken DisposedToken => _disposed.Token;

    /// <summary>A channel to <paramref name="address"/> (<c>http://</c> or <c>https://</c>, host and port).</summary>
    /// <exception cref="ArgumentException">The address is not an absolute http or https URI, or an option is out of range.</exception>
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"gRPC address \"{address}\" must be an absolute http:// or https:// URI", nameof(address));
        }

        if (!string.IsNullOrEmpty(address.Query) || !string.IsNullOrEmpty(address.Fragment))
        {
            throw new ArgumentException($"gRPC address \"{address}\" must not have a query or fragment", nameof(address));
        }

        options ??= new GrpcChannelOptions();
        if (options.MaxReceiveMessageSize is < 0 || options.MaxSendMessageSize is < 0)
        {
            throw new ArgumentException("message size limits must not be negative", nameof(options));
        }

        if (options.InitialReconnectBackoff <= TimeSpan.Zero || options.MaxReconnectBackoff < options.InitialReconnectBackoff)
        {
            throw new ArgumentException("reconnect backoff must be positive and the maximum at least the initial value", nameof(options));
        }

        return new GrpcChannel(address, options);
    }

    /// <summary>A channel to <paramref name="address"/>, e.g. <c>"http://127.0.0.1:50051"</c>.</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    /// <summary>An invoker that starts calls on this channel. Invokers are cheap and thread-safe.</summary>
    public CallInvoker CreateCallInvoker()
    {
        ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);
        return new CallInvoker(this);
    }

    /// <summary>Cancels the running calls and closes the connections.</summary>
    public void Dispose()
    {
        if (_disposed.IsCancellationRequested)
        {
            return;
        }

        _disposed.Cancel();
        Invoker.Dispose();
        if (_disposeHandler)
        {
            _handler.Dispose();
        }
    }

    /// <summary>The request URI of a method: the address's path prefix followed by <c>/package.Service/Method</c>.</summary>
    internal Uri MethodUri(string fullName) =>
        new($"{Address.Scheme}://{Address.Authority}{_pathBase}{fullName}", UriKind.Absolute);

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed.IsCancellationRequested, this);

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options) => new()
    {
        // When every connection has used up the server's SETTINGS_MAX_CONCURRENT_STREAMS, open another one rather
        // than queueing the call.
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = options.KeepAlivePingDelay,
        KeepAlivePingTimeout = options.KeepAlivePingTimeout,
        KeepAlivePingPolicy = options.KeepAlivePingPolicy,
        ConnectTimeout = options.ConnectTimeout,
        SslOptions = options.SslOptions ?? new SslClientAuthenticationOptions(),

        // gRPC compression is per message (grpc-encoding), never HTTP content-encoding; an HTTP proxy from the
        // environment would not speak h2c prior knowledge; cookies and redirects have no meaning in gRPC.
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
    };
}
