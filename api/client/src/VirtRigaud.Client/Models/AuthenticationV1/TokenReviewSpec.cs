using System.Text;
using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Models.AuthenticationV1;

/// <summary>authentication.k8s.io/v1 TokenReviewSpec.</summary>
public sealed record TokenReviewSpec
{
    /// <summary>The token to review. Secret.</summary>
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    [JsonPropertyName("audiences")]
    public IReadOnlyList<string>? Audiences { get; init; }

    // Records print every property; secret values must never reach a log line.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Token = ").Append(Token is null ? "null" : "<redacted>");
        builder.Append(", Audiences = ").Append(Audiences);
        return true;
    }
}
