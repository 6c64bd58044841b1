using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 Capabilities: POSIX capabilities added to or dropped from a container's default set.</summary>
public sealed record Capabilities
{
    [JsonPropertyName("add")]
    [ListType("atomic")]
    public IReadOnlyList<string>? Add { get; init; }

    [JsonPropertyName("drop")]
    [ListType("atomic")]
    public IReadOnlyList<string>? Drop { get; init; }
}
