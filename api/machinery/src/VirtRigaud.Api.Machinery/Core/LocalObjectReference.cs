using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>
/// core/v1 LocalObjectReference: the name of an object in the referrer's namespace (e.g. an image pull Secret). Not to
/// be confused with <c>VirtRigaud.Api.V1Beta1.LocalObjectReference</c>, whose name is required.
/// </summary>
[MapType("atomic")]
public sealed record LocalObjectReference
{
    [JsonPropertyName("name")]
    [Default("")]
    public string? Name { get; init; }
}
