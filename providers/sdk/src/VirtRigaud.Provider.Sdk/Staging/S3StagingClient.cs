using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Sdk.Staging;

/// <summary>
/// Moves one staged disk object between a provider and S3 (or an S3-compatible store: Ceph RGW, MinIO, …) as a
/// stream, with the object's SHA-256 computed on the way through — the relay data path upstream's providers use
/// (API-REFERENCE §4.5). Uploads are multipart with parts of <see cref="PartSize"/> bytes, the next part read while the
/// previous one is sent; a part is never resent from the source stream,
/// so the source can be a pipe. Nothing appears under the key until the upload is complete (S3 publishes a multipart
/// object only on CompleteMultipartUpload), and an upload that does not complete is aborted.
/// <para>
/// Flexible checksums (CRC32 trailers, which current AWS SDKs send by default) are off — only when an operation
/// requires one —, because S3-compatible stores such as Ceph RGW before Reef refuse or ignore them; integrity comes
/// from the SigV4 payload hash of every request and the SHA-256 of the whole object. Failures become
/// <see cref="ProviderException"/>s: missing bucket or object NOT_FOUND, refused credentials PERMISSION_DENIED,
/// unreachable or failing endpoint UNAVAILABLE. Credentials never appear in a message.
/// </para>
/// One client per location; thread-safe for independent operations.
/// </summary>
public sealed class S3StagingClient : IDisposable
{
    /// <summary>The default part size: 16 MiB (S3's minimum is 5 MiB, its maximum part count 10,000).</summary>
    public const int DefaultPartSize = 16 * 1024 * 1024;

    /// <summary>S3's smallest part (all but the last).</summary>
    public const int MinimumPartSize = 5 * 1024 * 1024;

    private const int MaxParts = 10_000;

    private readonly AmazonS3Client _client;

    /// <summary>A client for <paramref name="location"/>.</summary>
    /// <param name="location">Bucket, key, endpoint and credentials.</param>
    /// <param name="partSize">Bytes per uploaded part; at least <see cref="MinimumPartSize"/>.</param>
    public S3StagingClient(S3StagingLocation location, int partSize = DefaultPartSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partSize, MinimumPartSize);
        Location = location;
        PartSize = partSize;
        var config = new AmazonS3Config
        {
            ForcePathStyle = location.UsePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 3,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (location.Endpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = location.Region;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(location.Region);
        }

        AWSCredentials credentials = location.SessionToken is { } token
            ? new SessionAWSCredentials(location.AccessKeyId, location.SecretAccessKey.RevealString(), token.RevealString())
            : new BasicAWSCredentials(location.AccessKeyId, location.SecretAccessKey.RevealString());
        _client = new AmazonS3Client(credentials, config);
    }

    /// <summary>Where the object is.</summary>
    public S3StagingLocation Location { get; }

    /// <summary>Bytes per uploaded part (raised for very large objects so they fit in S3's 10,000 parts).</summary>
    public int PartSize { get; }

    /// <summary>The object's size, checking that it exists and the credentials may read it.</summary>
    /// <exception cref="ProviderException">NOT_FOUND, PERMISSION_DENIED, UNAVAILABLE, …</exception>
    public async Task<long> GetSizeAsync(CancellationToken cancellationToken)
    {
        var head = await CallAsync(
            "read",
            () => _client.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = Location.Bucket, Key = Location.Key }, cancellationToken)).ConfigureAwait(false);
        return head.ContentLength;
    }

    /// <summary>Starts an upload of the object; write it with <see cref="S3Upload.WriteAsync"/>, then <see cref="S3Upload.CompleteAsync"/>.</summary>
    /// <param name="expectedBytes">The object's size (or an upper bound) when known: parts grow so that it fits in 10,000.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ProviderException">NOT_FOUND for a missing bucket, PERMISSION_DENIED, UNAVAILABLE, …</exception>
    public Task<S3Upload> BeginUploadAsync(long? expectedBytes, CancellationToken cancellationToken)
    {
        var partSize = PartSize;
        if (expectedBytes is { } size && size / partSize >= MaxParts)
        {
            // Round up to whole MiB so that the object fits with room to spare.
            partSize = (int)Math.Min(int.MaxValue, ((size / (MaxParts - 100)) + 1048576) / 1048576 * 1048576);
        }

        return S3Upload.StartAsync(this, partSize, cancellationToken);
    }

    /// <summary>Reads the object into <paramref name="destination"/> and returns its size and SHA-256.</summary>
    /// <exception cref="ProviderException">NOT_FOUND, PERMISSION_DENIED, UNAVAILABLE (also when the object ends early).</exception>
    public async Task<S3TransferResult> DownloadAsync(Stream destination, CancellationToken cancellationToken)
    {
        using var response = await CallAsync(
            "read",
            () => _client.GetObjectAsync(new GetObjectRequest { BucketName = Location.Bucket, Key = Location.Key }, cancellationToken)).ConfigureAwait(false);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024 * 1024];
        long total = 0;
        var expected = response.ContentLength;
        await using (var body = response.ResponseStream)
        {
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or HttpRequestException or AmazonClientException)
                {
                    throw ProviderErrors.Unavailable($"reading {Location} from {Location.EndpointDescription} failed after {total} of {expected} bytes: {e.Message}", e);
                }

                if (read == 0)
                {
                    break;
                }

                hash.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                total += read;
            }
        }

        return total == expected
            ? new S3TransferResult(total, Convert.ToHexStringLower(hash.GetHashAndReset()))
            : throw ProviderErrors.Unavailable($"{Location} ended after {total} of {expected} bytes");
    }

    /// <summary>Deletes the object (missing is fine).</summary>
    public Task DeleteAsync(CancellationToken cancellationToken) =>
        CallAsync("delete", () => _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = Location.Bucket, Key = Location.Key }, cancellationToken));

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    internal AmazonS3Client Client => _client;

    /// <summary>Runs one S3 call and maps its failure (<paramref name="operation"/> = "read", "write", "delete": for the message).</summary>
    internal async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException)
        {
            throw Map(e, operation);
        }
    }

    /// <summary>The provider error for a failed S3 call.</summary>
    internal ProviderException Map(Exception e, string operation)
    {
        var where = $"{operation} {Location} at {Location.EndpointDescription}";
        if (e is AmazonS3Exception s3)
        {
            var detail = string.IsNullOrEmpty(s3.Message) || s3.Message == s3.ErrorCode ? s3.ErrorCode : $"{s3.ErrorCode}: {s3.Message}";
            switch (s3.ErrorCode)
            {
                case "NoSuchBucket":
                    return ProviderErrors.NotFound($"bucket \"{Location.Bucket}\" does not exist at {Location.EndpointDescription} ({detail})", e);
                case "NoSuchKey":
                    return ProviderErrors.NotFound($"staged disk {Location} does not exist at {Location.EndpointDescription}", e);
                case "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied" or "ExpiredToken" or "InvalidToken" or "TokenRefreshRequired":
                    return ProviderErrors.PermissionDenied($"cannot {where}: S3 refused the credentials of access key {Location.AccessKeyId} ({detail})", e);
                case "SlowDown":
                    return ProviderErrors.ResourceExhausted($"cannot {where}: S3 asks to slow down ({detail})", TimeSpan.FromSeconds(30), e);
            }

            return s3.StatusCode switch
            {
                HttpStatusCode.NotFound => ProviderErrors.NotFound($"staged disk {Location} (or its bucket) does not exist at {Location.EndpointDescription}", e),
                HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized => ProviderErrors.PermissionDenied($"cannot {where}: access denied ({detail})", e),
                >= HttpStatusCode.InternalServerError => ProviderErrors.Unavailable($"cannot {where}: S3 answered {(int)s3.StatusCode} ({detail})", e),
                _ => ProviderErrors.FailedPrecondition($"cannot {where}: S3 answered {(int)s3.StatusCode} ({detail})", e),
            };
        }

        return ProviderErrors.Unavailable($"cannot {where}: {Innermost(e).Message}", e);
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }

        return e;
    }
}
