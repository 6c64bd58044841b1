namespace VirtRigaud.Provider.Mock.Hypervisor;

/// <summary>A clone request in hypervisor terms (from CloneRequest and its camelCase CRD payloads). Immutable.</summary>
public sealed record CloneSpec
{
    public required string SourceVmId { get; init; }

    public required string TargetName { get; init; }

    public bool Linked { get; init; }

    /// <summary>Class override; <c>null</c> ⇒ the source's.</summary>
    public int? Cpu { get; init; }

    public int? MemoryMiB { get; init; }

    public string? PlacementPolicy { get; init; }

    public string? Hostname { get; init; }

    /// <summary>Per-NIC guest settings, by NIC name.</summary>
    public IReadOnlyList<NicCustomization> Networks { get; init; } = [];

    /// <summary>Tags of the clone; empty ⇒ the source's.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}
