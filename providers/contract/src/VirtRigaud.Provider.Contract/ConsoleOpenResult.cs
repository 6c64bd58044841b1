using System.Diagnostics.CodeAnalysis;

namespace VirtRigaud.Provider.Contract;

/// <summary>
/// The outcome of <see cref="ProviderClient.OpenConsoleAsync"/>: an open session, or the provider's statement that it
/// offers no such console (UNIMPLEMENTED). Immutable; the caller owns and disposes <see cref="Session"/>.
/// </summary>
public sealed record ConsoleOpenResult
{
    /// <summary>The open session, when the provider supports the console.</summary>
    public ProviderConsoleSession? Session { get; init; }

    /// <summary>The provider's UNIMPLEMENTED detail, when it does not.</summary>
    public string? UnsupportedReason { get; init; }

    /// <summary>Whether a session was opened.</summary>
    [MemberNotNullWhen(true, nameof(Session))]
    public bool IsSupported => Session is not null;
}
