namespace VirtRigaud.Client.Configuration;

/// <summary>
/// Whom to act as (the <c>Impersonate-*</c> headers); the authenticated user needs the <c>impersonate</c> verb.
/// </summary>
public sealed record Impersonation
{
    /// <summary>The user name to act as (required for any impersonation).</summary>
    public required string User { get; init; }

    public string? Uid { get; init; }

    public IReadOnlyList<string> Groups { get; init; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Extra { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
