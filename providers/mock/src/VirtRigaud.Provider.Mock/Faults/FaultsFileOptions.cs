namespace VirtRigaud.Provider.Mock.Faults;

/// <summary>Where fault configuration comes from. Immutable.</summary>
public sealed record FaultsFileOptions
{
    /// <summary>How often the file is re-read by default.</summary>
    public static readonly TimeSpan DefaultReloadInterval = TimeSpan.FromSeconds(2);

    /// <summary>The watched JSON file (<c>--faults-file</c>), or <c>null</c>.</summary>
    public string? Path { get; init; }

    /// <summary>The configuration given inline (<c>--faults</c>), in force while the file is absent.</summary>
    public MockFaultConfiguration? Inline { get; init; }

    public TimeSpan ReloadInterval { get; init; } = DefaultReloadInterval;
}
