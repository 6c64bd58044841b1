using VirtRigaud.Provider.Contract;

namespace VirtRigaud.Apiserver.ConsoleStreaming;

/// <summary>
/// Settings of console streaming (<c>GET …/virtualmachines/{name}/console</c> upgraded to a WebSocket). Immutable;
/// validated once at start (<see cref="Validate"/>).
/// </summary>
public sealed record ConsoleStreamOptions
{
    /// <summary>The default <see cref="PingInterval"/>: a WebSocket Ping every 30 s keeps proxies and NATs from dropping an idle console.</summary>
    public static readonly TimeSpan DefaultPingInterval = TimeSpan.FromSeconds(30);

    /// <summary>How often the server sends a WebSocket Ping frame on an open console.</summary>
    public TimeSpan PingInterval { get; init; } = DefaultPingInterval;

    /// <summary>
    /// How long the client may take to answer a Ping with a Pong before the session is aborted as dead (browsers,
    /// websocat and client-go answer pings by themselves).
    /// </summary>
    public TimeSpan PongTimeout { get; init; } = DefaultPingInterval;

    /// <summary>
    /// Directory with the API server's client TLS material for providers (<c>--provider-client-tls-dir</c>):
    /// <c>tls.crt</c>, <c>tls.key</c> and <c>ca.crt</c> (the CA that issued the providers' serving certificates, the only
    /// root trusted). Re-read when the files change. Null: only providers whose Provider says
    /// <c>spec.runtime.service.tls.enabled: false</c>, or whose TLS Secret this server stores, can be reached.
    /// </summary>
    public string? ProviderClientTlsDirectory { get; init; }

    /// <summary>How long one connection attempt to a provider (TCP and TLS) may take before the console answers 503.</summary>
    public TimeSpan ProviderConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the provider may take to attach to the console (ConsoleStream's <c>opened</c>) before 503.</summary>
    public TimeSpan OpenTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a closing side is waited for: the provider's <c>closed</c> after the client closed, the client's close
    /// frame after the server closed. Then the session is cut.
    /// </summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a session lasts: the deadline of the ConsoleStream call (the provider contract's 8 h).</summary>
    public TimeSpan MaxSessionDuration { get; init; } = ProviderCallDeadlines.Default.ConsoleStream;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PingInterval, TimeSpan.Zero, nameof(PingInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(PongTimeout, TimeSpan.Zero, nameof(PongTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ProviderConnectTimeout, TimeSpan.Zero, nameof(ProviderConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(OpenTimeout, TimeSpan.Zero, nameof(OpenTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CloseTimeout, TimeSpan.Zero, nameof(CloseTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxSessionDuration, TimeSpan.Zero, nameof(MaxSessionDuration));
    }
}
