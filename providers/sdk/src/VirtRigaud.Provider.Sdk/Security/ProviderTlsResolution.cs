namespace VirtRigaud.Provider.Sdk.Security;

/// <summary>
/// The outcome of <see cref="ProviderTls.Resolve"/>: how to serve, or why the provider must refuse to start (then
/// <see cref="Error"/> is set and <see cref="Security"/> is meaningless). Immutable.
/// </summary>
public sealed record ProviderTlsResolution
{
    /// <summary>How to serve when <see cref="Error"/> is <c>null</c>.</summary>
    public required ProviderTransportSecurity Security { get; init; }

    /// <summary>The reason to refuse to start (what to mount, or which variable to set), or <c>null</c>.</summary>
    public string? Error { get; init; }

    /// <summary>The files that were looked for: certificate, key and CA, in that order.</summary>
    public required IReadOnlyList<string> Files { get; init; }
}
