using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// A VM power state. Quote <c>"On"</c> and <c>"Off"</c> in YAML: unquoted, YAML 1.1 reads them as booleans.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PowerState>))]
public enum PowerState
{
    On,
    Off,

    /// <summary>Off through a guest shutdown rather than a hard power-off.</summary>
    OffGraceful,
}
