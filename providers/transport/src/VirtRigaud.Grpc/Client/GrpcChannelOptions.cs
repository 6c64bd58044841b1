using System.Net.Security;
using VirtRigaud.Grpc.Internal;

namespace VirtRigaud.Grpc;

/// <summary>
/// Settings of a <see cref="GrpcChannel"/>. The channel copies them when it is created; changing the object afterwards
/// has no effect on an existing channel.
/// </summary>
public sealed class GrpcChannelOptions
{
    /// <summary>The largest response message accepted (after decompression); <c>null</c> = no limit. Default 4 MiB.</summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>The largest request message sent; <c>null</c> (the default) = no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// How long a connection may receive nothing before the client sends an HTTP/2 PING to check it is alive;
    /// <see cref="Timeout.InfiniteTimeSpan"/> (the default, as in every gRPC client) disables pings.
    /// </summary>
    /// <remarks>
    /// grpc-go and C-core servers reject pings more frequent than every 5 minutes by default (and close the connection
    /// with GOAWAY ENHANCE_YOUR_CALM "too_many_pings" after two strikes), so only set a shorter delay against servers
    /// configured to permit it (etcd permits 5 s; our Kestrel server accepts any rate).
    /// </remarks>
    public TimeSpan KeepAlivePingDelay { get; set; } = Timeout.InfiniteTimeSpan;

    /// <summary>How long to wait for the PING acknowledgement before the connection is closed. Default 20 s (gRPC's).</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether pings are sent only while calls are active (<see cref="HttpKeepAlivePingPolicy.WithActiveRequests"/>,
    /// the default: keeps long streams such as watches alive) or also on idle connections
    /// (<see cref="HttpKeepAlivePingPolicy.Always"/>, gRPC's <c>keepalive_permit_without_calls</c>).
    /// </summary>
    public HttpKeepAlivePingPolicy KeepAlivePingPolicy { get; set; } = HttpKeepAlivePingPolicy.WithActiveRequests;

    /// <summary>How long one connection attempt (TCP and TLS) may take. Default 20 s (gRPC's minimum connect timeout).</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The first pause between connection attempts of a wait-for-ready call; it grows by 1.6× per attempt (±20 % jitter).</summary>
    public TimeSpan InitialReconnectBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between connection attempts of a wait-for-ready call.</summary>
    public TimeSpan MaxReconnectBackoff { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// TLS settings for <c>https://</c> addresses (client certificate, CA validation, target host). The channel sets the
    /// ALPN protocol (h2) itself.
    /// </summary>
    public SslClientAuthenticationOptions? SslOptions { get; set; }

    /// <summary>
    /// A handler to use instead of the channel's own <see cref="SocketsHttpHandler"/> (tests, custom connect logic).
    /// None of the connection settings above are applied to it, and the channel does not dispose it.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>The clock for deadlines and reconnect backoff.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
