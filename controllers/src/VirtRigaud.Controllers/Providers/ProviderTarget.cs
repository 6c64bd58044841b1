namespace VirtRigaud.Controllers.Providers;

/// <summary>Where and how to reach one provider: its gRPC address and TLS material (null: plaintext h2c). Immutable.</summary>
public sealed record ProviderTarget
{
    /// <summary>The Provider's namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>The Provider's name.</summary>
    public required string Name { get; init; }

    /// <summary>The provider type (<c>libvirt</c>, <c>mock</c>…), the <c>provider_type</c> metric label.</summary>
    public required string ProviderType { get; init; }

    /// <summary>The address as <c>host:port</c>.</summary>
    public required string Endpoint { get; init; }

    /// <summary>mTLS material; null when the Provider explicitly disabled TLS.</summary>
    public ProviderTlsMaterial? Tls { get; init; }

    /// <summary>The URI the channel connects to (https with TLS, http/h2c without).</summary>
    public Uri Address => new((Tls is null ? "http://" : "https://") + Endpoint);

    /// <summary>Changes when anything that requires a new channel changes.</summary>
    public string Fingerprint() => $"{Endpoint}|{Tls?.Fingerprint() ?? "plaintext"}";

    /// <summary>upstream's breaker key <c>&lt;type&gt;:&lt;name&gt;:rpc</c>, qualified by namespace.</summary>
    public string BreakerName => $"{ProviderType}:{Namespace}/{Name}:rpc";
}
