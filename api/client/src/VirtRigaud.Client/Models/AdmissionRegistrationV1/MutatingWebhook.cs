using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery;

namespace VirtRigaud.Client.Models.AdmissionRegistrationV1;

/// <summary>admissionregistration.k8s.io/v1 MutatingWebhook.</summary>
public sealed record MutatingWebhook
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("clientConfig")]
    public required WebhookClientConfig ClientConfig { get; init; }

    [JsonPropertyName("rules")]
    public IReadOnlyList<RuleWithOperations>? Rules { get; init; }

    /// <summary>Ignore or Fail (default).</summary>
    [JsonPropertyName("failurePolicy")]
    public string? FailurePolicy { get; init; }

    /// <summary>Exact or Equivalent (default).</summary>
    [JsonPropertyName("matchPolicy")]
    public string? MatchPolicy { get; init; }

    [JsonPropertyName("namespaceSelector")]
    public LabelSelector? NamespaceSelector { get; init; }

    [JsonPropertyName("objectSelector")]
    public LabelSelector? ObjectSelector { get; init; }

    /// <summary>None or NoneOnDryRun.</summary>
    [JsonPropertyName("sideEffects")]
    public required string SideEffects { get; init; }

    [JsonPropertyName("timeoutSeconds")]
    public int? TimeoutSeconds { get; init; }

    [JsonPropertyName("admissionReviewVersions")]
    public required IReadOnlyList<string> AdmissionReviewVersions { get; init; }

    /// <summary>Never (default) or IfNeeded.</summary>
    [JsonPropertyName("reinvocationPolicy")]
    public string? ReinvocationPolicy { get; init; }

    [JsonPropertyName("matchConditions")]
    public IReadOnlyList<MatchCondition>? MatchConditions { get; init; }
}
