using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.V1Beta1;

/// <summary>Numbering of replicas: <c>&lt;set&gt;-&lt;start&gt;</c>, <c>&lt;set&gt;-&lt;start+1&gt;</c>, …</summary>
public sealed record VMSetOrdinals
{
    [JsonPropertyName("start")]
    [Default(0)]
    [Minimum(0)]
    [Maximum(999999)]
    public int? Start { get; init; }
}
