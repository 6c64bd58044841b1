using VirtRigaud.Grpc;

namespace VirtRigaud.Provider.Contract;

/// <summary>Per-call overrides for a <see cref="ProviderClient"/> method. Immutable once built.</summary>
public sealed record ProviderCallOptions
{
    /// <summary>The call's deadline from now, instead of the RPC's default from <see cref="ProviderCallDeadlines"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Extra request metadata (e.g. a correlation id). Never put secrets here: metadata may be logged.</summary>
    public Metadata? Headers { get; init; }
}
