using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Health;

/// <summary>The source-generated JSON contract of <see cref="VersionInfo"/>.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VersionInfo))]
public sealed partial class HealthJsonContext : JsonSerializerContext;
