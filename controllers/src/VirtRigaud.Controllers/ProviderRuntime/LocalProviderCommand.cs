namespace VirtRigaud.Controllers.ProviderRuntime;

/// <summary>How to execute a Local provider: <see cref="FileName"/> with <see cref="Arguments"/> before the provider's own flags. Immutable.</summary>
public sealed record LocalProviderCommand
{
    /// <summary>The file executed (the provider's executable, or the dotnet host).</summary>
    public required string FileName { get; init; }

    /// <summary>Leading arguments (the provider's <c>.dll</c> when run by the dotnet host).</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The provider binary itself (executable or <c>.dll</c>), for messages and the version.</summary>
    public required string Binary { get; init; }

    /// <summary>The .NET root to give an apphost as <c>DOTNET_ROOT</c> (when the environment has none); null when unknown.</summary>
    public string? DotnetRoot { get; init; }
}
