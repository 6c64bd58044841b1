using System.Text.Json.Serialization;
using VirtRigaud.Api.Machinery.Schema;

namespace VirtRigaud.Api.Machinery.Core;

/// <summary>core/v1 ExecAction: a command run inside the container; exit status 0 is success.</summary>
public sealed record ExecAction
{
    /// <summary>The command line, executed directly (not in a shell).</summary>
    [JsonPropertyName("command")]
    [ListType("atomic")]
    public IReadOnlyList<string>? Command { get; init; }
}
