using System.Text.Json.Nodes;
using VirtRigaud.Api.Machinery;
using VirtRigaud.Api.Machinery.Validation;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>
/// The outcome of decoding one document with <see cref="ObjectDecoder"/>: the kind it declared, the pruned and
/// defaulted JSON, the typed object (only when there are no errors), every field error, and the warnings and unknown
/// fields an API server reports (as <c>Warning</c> headers, or as errors under <c>fieldValidation=Strict</c>).
/// </summary>
public sealed record DecodeResult
{
    /// <summary>The kind the document declared, or <c>null</c> when it is not one of ours.</summary>
    public KindInfo? Kind { get; init; }

    /// <summary>The typed object; <c>null</c> when <see cref="Errors"/> is not empty.</summary>
    public IKubernetesObject? Object { get; init; }

    /// <summary>The document after compatibility fix-ups, pruning and defaulting.</summary>
    public required JsonNode Json { get; init; }

    public FieldErrorList Errors { get; init; } = [];

    /// <summary>Human-readable warnings, e.g. an unquoted <c>powerState: On</c> read as a YAML boolean.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Paths of fields the schema does not know (pruned), e.g. <c>spec.vlanId</c>.</summary>
    public IReadOnlyList<string> UnknownFields { get; init; } = [];

    /// <summary>Whether the document decoded into a valid object.</summary>
    public bool IsValid => Errors.Count == 0 && Object is not null;

    /// <summary>The object's name, for messages.</summary>
    public string Name => (string?)Json["metadata"]?["name"] ?? (string?)Json["metadata"]?["generateName"] ?? "";

    /// <summary>The errors as the Invalid Status an API server would return.</summary>
    public StatusException ToStatusException() =>
        StatusException.Invalid(GroupInfo.Group, Kind?.Kind ?? (string?)Json["kind"] ?? "", Name, Errors);
}
