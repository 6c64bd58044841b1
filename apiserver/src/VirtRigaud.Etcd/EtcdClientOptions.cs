using System.Security.Cryptography.X509Certificates;

namespace VirtRigaud.Etcd;

/// <summary>
/// Settings of an <see cref="EtcdClient"/>. Every duration the client waits for comes from here; the client has no
/// literal timeouts.
/// </summary>
public sealed record EtcdClientOptions
{
    /// <summary>
    /// The members to talk to, <c>http://host:port</c> (h2c) or <c>https://host:port</c> (TLS). Calls go to one of them
    /// at a time; on a connection failure the client moves to the next one.
    /// </summary>
    public required IReadOnlyList<Uri> Endpoints { get; init; }

    /// <summary>The CA certificates an https endpoint's certificate must chain to (system roots are never used).</summary>
    public X509Certificate2Collection? TrustedCaCertificates { get; init; }

    /// <summary>The client certificate (with its private key) presented to https endpoints started with <c>--client-cert-auth</c>.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>The etcd user to authenticate as (etcd auth enabled); <c>null</c> sends no token.</summary>
    public string? Username { get; init; }

    /// <summary>The password of <see cref="Username"/>. Never logged.</summary>
    public string? Password { get; init; }

    /// <summary>The deadline of a unary call that does not pass its own: this long from the call's start, fail-over included.</summary>
    public TimeSpan DefaultCallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one TCP (and TLS) connection attempt may take.</summary>
    public TimeSpan DialTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a connection with running streams may stay silent before an HTTP/2 PING checks it; etcd accepts pings
    /// every 5 s or slower (<c>--grpc-keepalive-min-time</c>). <see cref="Timeout.InfiniteTimeSpan"/> disables pings.
    /// </summary>
    public TimeSpan KeepAliveTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for a PING's acknowledgement before the connection counts as lost.</summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause before the shared watch stream (or a lease keep-alive stream) is opened again after a failure; doubled per failure up to <see cref="MaxReconnectBackoff"/>.</summary>
    public TimeSpan ReconnectBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest pause between two attempts to reopen a stream.</summary>
    public TimeSpan MaxReconnectBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest response accepted; etcd's own client allows any size, a Range of many keys can be large.</summary>
    public int MaxReceiveMessageSize { get; init; } = int.MaxValue;

    /// <summary>The clock for deadlines and back-off.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> when the options cannot work.</summary>
    internal void Validate()
    {
        if (Endpoints.Count == 0)
        {
            throw new ArgumentException("at least one etcd endpoint is required", nameof(Endpoints));
        }

        foreach (var endpoint in Endpoints)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"etcd endpoint \"{endpoint}\" must be an absolute http:// or https:// URI", nameof(Endpoints));
            }
        }

        if ((Username is null) != (Password is null))
        {
            throw new ArgumentException("Username and Password must be given together", nameof(Username));
        }

        if (DefaultCallTimeout <= TimeSpan.Zero || DialTimeout <= TimeSpan.Zero || ReconnectBackoff <= TimeSpan.Zero || MaxReconnectBackoff < ReconnectBackoff)
        {
            throw new ArgumentException("timeouts and back-off must be positive, and the maximum back-off at least the initial one");
        }
    }
}
