using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>The source-generated JSON contract of the kubeconfig model (YAML is converted to JSON first).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Kubeconfig))]
internal sealed partial class KubeconfigJsonContext : JsonSerializerContext;
