using System.Text;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Sdk.Credentials;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Sdk.Staging;

/// <summary>
/// Where a disk is staged in S3 for the <c>s3</c> backend of ExportDisk/ImportDisk, and how to reach it, read from the
/// three request fields the manager fills (API-REFERENCE §2.3, §4.5):
/// <code>
/// destination_url / source_url   s3://&lt;bucket&gt;/&lt;key&gt;   (the manager's key: [&lt;prefix&gt;/]vmmigrations/&lt;ns&gt;/&lt;migration&gt;/export.vmdk)
/// storage_options_json           {"backend":"s3","bucket":…,"endpoint":…,"region":…,"prefix":…,"usePathStyle":…}
/// credentials                    accessKeyID, secretAccessKey, sessionToken (optional) — the keys of the migration's Secret
/// </code>
/// An empty endpoint means AWS itself (<c>s3.&lt;region&gt;.amazonaws.com</c>); an endpoint without a scheme means https.
/// An endpoint whose host is an IP address is always addressed path-style (a bucket cannot be a subdomain of an IP).
/// Immutable; the secret parts are <see cref="SecretValue"/>s, so <see cref="ToString"/> and messages never show them.
/// </summary>
public sealed class S3StagingLocation
{
    /// <summary>The region used when none is given (AWS's default; S3-compatible servers accept any).</summary>
    public const string DefaultRegion = "us-east-1";

    /// <summary>The credential keys, as the migration's Secret names them.</summary>
    public const string AccessKeyIdKey = "accessKeyID";

    /// <inheritdoc cref="AccessKeyIdKey"/>
    public const string SecretAccessKeyKey = "secretAccessKey";

    /// <inheritdoc cref="AccessKeyIdKey"/>
    public const string SessionTokenKey = "sessionToken";

    private const int MaxKeyBytes = 1024;

    private S3StagingLocation(string bucket, string key, Uri? endpoint, string region, bool usePathStyle, string accessKeyId, SecretValue secretAccessKey, SecretValue? sessionToken)
    {
        Bucket = bucket;
        Key = key;
        Endpoint = endpoint;
        Region = region;
        UsePathStyle = usePathStyle;
        AccessKeyId = accessKeyId;
        SecretAccessKey = secretAccessKey;
        SessionToken = sessionToken;
    }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The object key (never starts with '/').</summary>
    public string Key { get; }

    /// <summary>The S3-compatible endpoint; <see langword="null"/> for AWS.</summary>
    public Uri? Endpoint { get; }

    /// <summary>The signing region.</summary>
    public string Region { get; }

    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>) instead of virtual-hosted (<c>bucket.endpoint/key</c>).</summary>
    public bool UsePathStyle { get; }

    /// <summary>The access key id (an identifier, not a secret: S3 error messages may name it).</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key.</summary>
    public SecretValue SecretAccessKey { get; }

    /// <summary>The session token of temporary credentials, if any.</summary>
    public SecretValue? SessionToken { get; }

    /// <summary><c>s3://bucket/key</c>.</summary>
    public string Url => $"s3://{Bucket}/{Key}";

    /// <summary>Where the endpoint is, for messages: the endpoint URL or "AWS S3 (&lt;region&gt;)".</summary>
    public string EndpointDescription => Endpoint is { } endpoint ? endpoint.GetLeftPart(UriPartial.Authority) : $"AWS S3 ({Region})";

    /// <summary>The URL (never a credential).</summary>
    public override string ToString() => Url;

    /// <summary>Reads and checks the location of one ExportDisk/ImportDisk request.</summary>
    /// <param name="url">destination_url or source_url.</param>
    /// <param name="field">The field's name, for messages.</param>
    /// <param name="storageOptionsJson">storage_options_json ("" allowed: AWS, default region).</param>
    /// <param name="credentials">The request's credentials map.</param>
    /// <exception cref="ProviderException">INVALID_ARGUMENT naming the field and what is wrong (never a credential's value).</exception>
    public static S3StagingLocation Parse(string url, string field, string storageOptionsJson, IReadOnlyDictionary<string, string> credentials)
    {
        var (bucket, key) = ParseUrl(url, field);
        StorageOptionsPayload options;
        try
        {
            options = ProviderPayloads.ParseStorageOptions(storageOptionsJson) ?? new StorageOptionsPayload();
        }
        catch (ProviderPayloadException e)
        {
            throw ProviderErrors.InvalidArgument(e.Message, e);
        }

        if (options.Backend is { Length: > 0 } backend && backend != "s3")
        {
            throw ProviderErrors.InvalidArgument($"storage_options_json names backend \"{backend}\" but the request's backend_type is s3");
        }

        if (!string.IsNullOrEmpty(options.Bucket) && options.Bucket != bucket)
        {
            throw ProviderErrors.InvalidArgument($"{field} \"{url}\" is in bucket \"{bucket}\" but storage_options_json names bucket \"{options.Bucket}\"");
        }

        var endpoint = ParseEndpoint(options.Endpoint);
        var region = string.IsNullOrWhiteSpace(options.Region) ? DefaultRegion : options.Region.Trim();
        if (region.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw ProviderErrors.InvalidArgument($"storage_options_json region \"{region}\" is not a region name (letters, digits and '-')");
        }

        var pathStyle = options.UsePathStyle || endpoint?.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;
        credentials.TryGetValue(AccessKeyIdKey, out var accessKeyId);
        credentials.TryGetValue(SecretAccessKeyKey, out var secret);
        if (string.IsNullOrWhiteSpace(accessKeyId) || string.IsNullOrEmpty(secret))
        {
            var missing = string.Join(" and ", new[] { (AccessKeyIdKey, accessKeyId), (SecretAccessKeyKey, secret) }.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1));
            throw ProviderErrors.InvalidArgument(
                $"credentials for the s3 backend lack {missing}: the Secret named by spec.storage.s3.credentialsSecretRef needs the keys {AccessKeyIdKey} and {SecretAccessKeyKey} ({SessionTokenKey} is optional)");
        }

        credentials.TryGetValue(SessionTokenKey, out var token);
        return new S3StagingLocation(
            bucket,
            key,
            endpoint,
            region,
            pathStyle,
            accessKeyId.Trim(),
            new SecretValue(secret),
            string.IsNullOrEmpty(token) ? null : new SecretValue(token));
    }

    /// <summary>Splits <c>s3://bucket/key</c>; a bucket name S3 would refuse, an empty key or control characters are INVALID_ARGUMENT.</summary>
    internal static (string Bucket, string Key) ParseUrl(string url, string field)
    {
        const string scheme = "s3://";
        if (!url.StartsWith(scheme, StringComparison.Ordinal))
        {
            throw ProviderErrors.InvalidArgument($"{field} \"{url}\" must be s3://bucket/key for the s3 backend");
        }

        var rest = url[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var key = slash < 0 ? string.Empty : rest[(slash + 1)..];
        if (!IsBucketName(bucket))
        {
            throw ProviderErrors.InvalidArgument(
                $"{field} \"{url}\": \"{bucket}\" is not a bucket name (3-63 characters: lowercase letters, digits, '.' and '-', starting and ending with a letter or digit)");
        }

        if (key.Length == 0 || key.EndsWith('/') || key.Any(char.IsControl) || Encoding.UTF8.GetByteCount(key) > MaxKeyBytes
            || key.Split('/').Any(segment => segment is "." or ".."))
        {
            throw ProviderErrors.InvalidArgument(
                $"{field} \"{url}\" must name an object: a key of at most {MaxKeyBytes} bytes, not ending in '/', without '.' or '..' segments or control characters");
        }

        return (bucket, key);
    }

    /// <summary>S3's bucket naming rules (the current ones, which every S3-compatible server accepts).</summary>
    internal static bool IsBucketName(string name) =>
        name.Length is >= 3 and <= 63
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-')
        && char.IsAsciiLetterOrDigit(name[0])
        && char.IsAsciiLetterOrDigit(name[^1])
        && !name.Contains("..", StringComparison.Ordinal)
        && !(name.Split('.') is { Length: 4 } labels && labels.All(l => l.Length > 0 && l.All(char.IsAsciiDigit)));

    private static Uri? ParseEndpoint(string? endpoint)
    {
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return null;
        }

        var text = endpoint.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || uri.AbsolutePath != "/")
        {
            throw ProviderErrors.InvalidArgument(
                $"storage_options_json endpoint \"{endpoint}\" must be http(s)://host[:port] (no path, query or user information)");
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority), UriKind.Absolute);
    }
}
