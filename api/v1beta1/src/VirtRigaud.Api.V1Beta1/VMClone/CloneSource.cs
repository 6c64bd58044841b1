using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The thing to clone from. Exactly one field must be set (see <see cref="VMCloneValidation"/>); which kinds of source a
/// provider can actually clone from is decided by the controller, which fails the clone with <c>UnsupportedSource</c>.
/// </summary>
public sealed record CloneSource
{
    /// <summary>A VirtualMachine in the clone's namespace.</summary>
    [JsonPropertyName("vmRef")]
    public LocalObjectReference? VmRef { get; init; }

    /// <summary>A VMSnapshot in the clone's namespace.</summary>
    [JsonPropertyName("snapshotRef")]
    public LocalObjectReference? SnapshotRef { get; init; }

    [JsonPropertyName("templateRef")]
    public ObjectRef? TemplateRef { get; init; }

    /// <summary>A VMImage.</summary>
    [JsonPropertyName("imageRef")]
    public ObjectRef? ImageRef { get; init; }
}
