using System.Text.Json.Serialization;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 EnvVar: one environment variable of a container, given literally or taken from a source.</summary>
public sealed record EnvVar
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>The literal value; <c>$(VAR)</c> references to earlier variables are expanded. Not used with <see cref="ValueFrom"/>.</summary>
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    [JsonPropertyName("valueFrom")]
    public EnvVarSource? ValueFrom { get; init; }
}
