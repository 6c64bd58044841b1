using System.Text.Json.Serialization;

namespace VirtRigaud.Provider.Sdk.Health;

/// <summary>Source-generated JSON for the health endpoint.</summary>
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class HealthJsonContext : JsonSerializerContext
{
}
