using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace VirtRigaud.Storage;

/// <summary>
/// The opaque <c>continue</c> token of a paged list, in Kubernetes' own format (base64url of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"&lt;next key relative to the list prefix&gt;"}</c>), so a token from one API
/// server replica works on another whatever the backend.
/// </summary>
public static class ContinueToken
{
    private const string Version = "meta.k8s.io/v1";

    /// <summary>Encodes the token for a page ending at <paramref name="lastKey"/> of a list of <paramref name="prefix"/> read at <paramref name="revision"/>.</summary>
    public static string Encode(string prefix, string lastKey, long revision)
    {
        if (!lastKey.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"key {lastKey} is not below {prefix}", nameof(lastKey));
        }

        var start = string.Concat(lastKey.AsSpan(prefix.Length), "\0");
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("v", Version);
            writer.WriteNumber("rv", revision);
            writer.WriteString("start", start);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(buffer.ToArray());
    }

    /// <summary>
    /// Decodes a token for a list of <paramref name="prefix"/>: the revision to read at and the first key of the page.
    /// </summary>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.InvalidContinue"/> when the token is not one of ours.</exception>
    public static (long Revision, string StartKey) Decode(string prefix, string token)
    {
        byte[] json;
        try
        {
            json = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw Invalid(prefix, "not base64url");
        }

        string? version = null;
        string? start = null;
        long revision = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Invalid(prefix, "not a JSON object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "v":
                        version = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    case "rv":
                        revision = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var rv) ? rv : 0;
                        break;
                    case "start":
                        start = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            throw Invalid(prefix, "not JSON");
        }

        if (version != Version)
        {
            throw Invalid(prefix, $"incorrect encoded start resourceVersion (version {Version})");
        }

        if (revision <= 0)
        {
            throw Invalid(prefix, "incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }

        if (string.IsNullOrEmpty(start))
        {
            throw Invalid(prefix, "encoded start key empty");
        }

        // The key must stay below the list's prefix: no absolute path and no "..", which could read other resources.
        if (start.StartsWith('/') || start.Split('/').Any(segment => segment is "." or ".."))
        {
            throw Invalid(prefix, "continue key is not valid: must not escape the list prefix");
        }

        return (revision, prefix + start);
    }

    private static StorageException Invalid(string prefix, string why) =>
        new(StorageErrorCode.InvalidContinue, prefix, $"continue key is not valid: {why}");

    /// <summary>The UTF-8 form of a key, for backends that compare keys as bytes.</summary>
    internal static byte[] Utf8(string key) => Encoding.UTF8.GetBytes(key);
}
