using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>The observed state of a <see cref="VMClass"/>.</summary>
public sealed record VMClassStatus
{
    [JsonPropertyName("conditions")]
    public IReadOnlyList<Condition>? Conditions { get; init; }

    [JsonPropertyName("observedGeneration")]
    public long? ObservedGeneration { get; init; }

    /// <summary>How many VirtualMachines reference this class.</summary>
    [JsonPropertyName("usedByVMs")]
    public int? UsedByVMs { get; init; }

    [JsonPropertyName("supportedProviders")]
    public IReadOnlyList<string>? SupportedProviders { get; init; }

    /// <summary>Per provider: whether the class can be realised there.</summary>
    [JsonPropertyName("validationResults")]
    public IReadOnlyDictionary<string, ClassValidationResult>? ValidationResults { get; init; }
}
