using System.Text.Json.Serialization;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The kind of snapshot to take.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SnapshotType>))]
public enum SnapshotType
{
    Standard,
    Crash,
    Application,
}
