using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The configuration phase of a <see cref="VMNetworkAttachment"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VMNetworkAttachmentPhase>))]
public enum VMNetworkAttachmentPhase
{
    Pending,
    Configuring,
    Ready,
    Failed,
}
