using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace VirtRigaud.Client.Configuration;

/// <summary>
/// A kubeconfig user (clientcmd <c>AuthInfo</c>): a client certificate, a bearer token (inline or in a file), an
/// <c>exec</c> credential plugin, or basic credentials, plus impersonation. <see cref="ToString"/> redacts every
/// secret (token, password, key data), so the value can be logged.
/// </summary>
public sealed record KubeconfigUser
{
    [JsonPropertyName("client-certificate")]
    public string? ClientCertificate { get; init; }

    /// <summary>PEM client certificate (base64 in the file); wins over <see cref="ClientCertificate"/>.</summary>
    [JsonPropertyName("client-certificate-data")]
    public byte[]? ClientCertificateData { get; init; }

    [JsonPropertyName("client-key")]
    public string? ClientKey { get; init; }

    /// <summary>PEM private key of the client certificate (base64 in the file). Secret.</summary>
    [JsonPropertyName("client-key-data")]
    public byte[]? ClientKeyData { get; init; }

    /// <summary>A bearer token. Secret.</summary>
    [JsonPropertyName("token")]
    public string? Token { get; init; }

    /// <summary>A file holding the bearer token, re-read periodically (it may rotate).</summary>
    [JsonPropertyName("tokenFile")]
    public string? TokenFile { get; init; }

    /// <summary>User to impersonate (<c>Impersonate-User</c>).</summary>
    [JsonPropertyName("as")]
    public string? Impersonate { get; init; }

    /// <summary>UID to impersonate (<c>Impersonate-Uid</c>).</summary>
    [JsonPropertyName("as-uid")]
    public string? ImpersonateUid { get; init; }

    /// <summary>Groups to impersonate (<c>Impersonate-Group</c>, one header per group).</summary>
    [JsonPropertyName("as-groups")]
    public IReadOnlyList<string>? ImpersonateGroups { get; init; }

    /// <summary>Extra fields to impersonate (<c>Impersonate-Extra-&lt;key&gt;</c>).</summary>
    [JsonPropertyName("as-user-extra")]
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? ImpersonateUserExtra { get; init; }

    [JsonPropertyName("username")]
    public string? Username { get; init; }

    /// <summary>Basic-auth password. Secret.</summary>
    [JsonPropertyName("password")]
    public string? Password { get; init; }

    /// <summary>Legacy in-tree auth providers (gcp, azure, oidc); not supported — use <see cref="Exec"/>.</summary>
    [JsonPropertyName("auth-provider")]
    public JsonObject? AuthProvider { get; init; }

    /// <summary>An exec credential plugin.</summary>
    [JsonPropertyName("exec")]
    public ExecConfig? Exec { get; init; }

    [JsonPropertyName("extensions")]
    public JsonArray? Extensions { get; init; }

    // Records print every property; secrets must never reach a log line or an exception message.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("ClientCertificate = ").Append(ClientCertificate)
            .Append(", ClientCertificateData = ").Append(ClientCertificateData is null ? "null" : "<set>")
            .Append(", ClientKey = ").Append(ClientKey)
            .Append(", ClientKeyData = ").Append(ClientKeyData is null ? "null" : "<redacted>")
            .Append(", Token = ").Append(Token is null ? "null" : "<redacted>")
            .Append(", TokenFile = ").Append(TokenFile)
            .Append(", Impersonate = ").Append(Impersonate)
            .Append(", Username = ").Append(Username)
            .Append(", Password = ").Append(Password is null ? "null" : "<redacted>")
            .Append(", Exec = ").Append(Exec);
        return true;
    }
}
