using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>A snapshot operation requested on a VM (upstream does not implement it).</summary>
public sealed record VMSnapshotOperation
{
    /// <summary>The VMSnapshot to revert the VM to.</summary>
    [JsonPropertyName("revertToRef")]
    public LocalObjectReference? RevertToRef { get; init; }
}
