using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 EnvVarSource: where an environment variable's value comes from; exactly one field is set.</summary>
public sealed record EnvVarSource
{
    [JsonPropertyName("configMapKeyRef")]
    public ConfigMapKeySelector? ConfigMapKeyRef { get; init; }

    /// <summary>A field of the pod (downward API), e.g. <c>metadata.namespace</c>.</summary>
    [JsonPropertyName("fieldRef")]
    public ObjectFieldSelector? FieldRef { get; init; }

    /// <summary>A resource limit or request of a container (downward API), e.g. <c>limits.memory</c>.</summary>
    [JsonPropertyName("resourceFieldRef")]
    public ResourceFieldSelector? ResourceFieldRef { get; init; }

    [JsonPropertyName("secretKeyRef")]
    public SecretKeySelector? SecretKeyRef { get; init; }
}
