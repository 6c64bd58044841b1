using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>How the clone's disks relate to the source's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CloneType>))]
public enum CloneType
{
    /// <summary>Independent copies of every disk.</summary>
    FullClone,

    /// <summary>Copy-on-write disks backed by the source's (needs the provider's <c>supportsLinkedClones</c>).</summary>
    LinkedClone,

    /// <summary>A running fork of a running source (vSphere instant clone).</summary>
    InstantClone,
}
