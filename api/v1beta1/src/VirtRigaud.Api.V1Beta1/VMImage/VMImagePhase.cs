using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The preparation phase of a <see cref="VMImage"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VMImagePhase>))]
public enum VMImagePhase
{
    Pending,
    Downloading,
    Importing,
    Converting,
    Optimizing,
    Ready,
    Failed,
}
