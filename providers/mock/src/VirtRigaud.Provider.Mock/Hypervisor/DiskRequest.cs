namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>An additional disk (Payloads' DiskSpec). Immutable.</summary>
public sealed record DiskRequest
{
    /// <summary>Empty ⇒ <c>disk-&lt;n&gt;</c>.</summary>
    public string Name { get; init; } = "";

    public required int SizeGiB { get; init; }

    public string Type { get; init; } = "";
}
