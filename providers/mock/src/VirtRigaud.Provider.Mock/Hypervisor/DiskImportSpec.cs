namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>An ImportDisk request. Immutable.</summary>
public sealed record DiskImportSpec
{
    public required string SourceUrl { get; init; }

    public required string TargetName { get; init; }

    /// <summary>Expected format; empty ⇒ detected.</summary>
    public string Format { get; init; } = "";

    public bool VerifyChecksum { get; init; }

    public string ExpectedChecksum { get; init; } = "";

    public string BackendType { get; init; } = "";

    public string TransferMode { get; init; } = "";
}
