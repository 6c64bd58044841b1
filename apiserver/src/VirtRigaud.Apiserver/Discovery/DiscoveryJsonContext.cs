using System.Text.Json.Serialization;

namespace VirtRigaud.Apiserver.Discovery;

/// <summary>The source-generated JSON contract of the aggregated discovery types (apidiscovery.k8s.io v2/v2beta1).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ApiGroupDiscoveryList))]
public sealed partial class DiscoveryJsonContext : JsonSerializerContext;
