using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>One environment variable of an exec plugin.</summary>
public sealed record ExecEnvVar
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }

    /// <summary>The name only: values may be secrets.</summary>
    public override string ToString() => Name + "=<redacted>";
}
