using System.Security.Cryptography;
using Amazon.S3.Model;
using VirtRigaud.Grpc;
using VirtRigaud.Provider.Contract.Payloads;
using VirtRigaud.Provider.Sdk.Errors;
using VirtRigaud.Provider.Sdk.Staging;
using VirtRigaud.TestPeers;

namespace VirtRigaud.Provider.Sdk.Tests.Staging;

/// <summary>One real Ceph RADOS Gateway for the S3 staging tests, with the bucket they use.</summary>
public sealed class CephGatewayFixture : IAsyncLifetime
{
    public const string Bucket = "staging-tests";

    private CephObjectGateway? _gateway;

    public CephObjectGateway Gateway => _gateway ?? throw new InvalidOperationException("the gateway is not started");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _gateway = await CephObjectGateway.StartAsync(timeout.Token);
        await _gateway.CreateBucketAsync(Bucket, timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }
}

/// <summary>
/// S3 staging against a real S3 implementation (Ceph RGW 16, which verifies SigV4 signatures and payload hashes):
/// streamed multipart uploads, downloads with SHA-256, nothing visible before completion, aborts, and the error codes.
/// </summary>
public sealed class S3StagingClientTests(CephGatewayFixture ceph) : IClassFixture<CephGatewayFixture>
{
    private CephObjectGateway Gateway => ceph.Gateway;

    private S3StagingLocation Location(string key, string? secret = null, string bucket = CephGatewayFixture.Bucket, string? endpoint = null) =>
        S3StagingLocation.Parse(
            $"s3://{bucket}/{key}",
            "destination_url",
            ProviderPayloads.SerializeStorageOptions(new StorageOptionsPayload { Backend = "s3", Endpoint = endpoint ?? Gateway.Endpoint, Region = "us-east-1", UsePathStyle = true }),
            new Dictionary<string, string> { ["accessKeyID"] = CephObjectGateway.AccessKey, ["secretAccessKey"] = secret ?? CephObjectGateway.SecretKey });

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Upload_FromAPipeInThreeParts_ObjectIsExactAndDownloadsWithTheSameSha256()
    {
        var data = RandomBytes((2 * S3StagingClient.MinimumPartSize) + 12345);
        using var client = new S3StagingClient(Location("multipart/disk.qcow2"), S3StagingClient.MinimumPartSize);

        S3TransferResult uploaded;
        await using (var upload = await client.BeginUploadAsync(data.Length, CancellationToken.None))
        {
            // Odd-sized reads, as from a pipe: parts are assembled from them.
            await upload.WriteAsync(new TrickleStream(data, 65_537), CancellationToken.None);
            uploaded = await upload.CompleteAsync(CancellationToken.None);
        }

        using var s3 = Gateway.CreateClient();
        var head = await s3.GetObjectMetadataAsync(CephGatewayFixture.Bucket, "multipart/disk.qcow2");
        using var downloaded = new MemoryStream();
        var read = await client.DownloadAsync(downloaded, CancellationToken.None);
        Assert.Equal(data.Length, uploaded.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data)), uploaded.Sha256);
        Assert.Equal(data.Length, head.ContentLength);
        Assert.EndsWith("-3\"", head.ETag, StringComparison.Ordinal);
        Assert.Equal(uploaded, read);
        Assert.Equal(data, downloaded.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(S3StagingClient.MinimumPartSize)]
    public async Task Upload_EmptyTinyOrExactlyOnePart_StoredAsWritten(int length)
    {
        var data = RandomBytes(length);
        var key = $"sizes/{length}.raw";
        using var client = new S3StagingClient(Location(key), S3StagingClient.MinimumPartSize);

        await using var upload = await client.BeginUploadAsync(length, CancellationToken.None);
        await upload.WriteAsync(new MemoryStream(data), CancellationToken.None);
        var uploaded = await upload.CompleteAsync(CancellationToken.None);

        using var downloaded = new MemoryStream();
        await client.DownloadAsync(downloaded, CancellationToken.None);
        Assert.Equal(length, uploaded.Bytes);
        Assert.Equal(length, await client.GetSizeAsync(CancellationToken.None));
        Assert.Equal(data, downloaded.ToArray());
    }

    [Fact]
    public async Task Upload_NotCompleted_NothingUnderTheKeyAndTheUploadIsAborted()
    {
        const string Key = "aborted/disk.qcow2";
        using var client = new S3StagingClient(Location(Key), S3StagingClient.MinimumPartSize);
        using var s3 = Gateway.CreateClient();

        await using (var upload = await client.BeginUploadAsync(null, CancellationToken.None))
        {
            await upload.WriteAsync(new MemoryStream(RandomBytes((2 * S3StagingClient.MinimumPartSize) + 1)), CancellationToken.None);
            var inProgress = await s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = CephGatewayFixture.Bucket, Prefix = Key });
            Assert.Single(inProgress.MultipartUploads ?? []);
            var before = await Assert.ThrowsAsync<ProviderException>(() => client.GetSizeAsync(CancellationToken.None));
            Assert.Equal(StatusCode.NotFound, before.Code);
        }

        var after = await s3.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = CephGatewayFixture.Bucket, Prefix = Key });
        var missing = await Assert.ThrowsAsync<ProviderException>(() => client.GetSizeAsync(CancellationToken.None));
        Assert.Empty(after.MultipartUploads ?? []);
        Assert.Equal(StatusCode.NotFound, missing.Code);
    }

    [Fact]
    public async Task WrongSecret_PermissionDeniedWithoutTheSecret()
    {
        const string Wrong = "not-the-secret-0123456789abcdefghijklmn";
        using var client = new S3StagingClient(Location("denied/disk.qcow2", secret: Wrong));

        var upload = await Assert.ThrowsAsync<ProviderException>(() => client.BeginUploadAsync(null, CancellationToken.None));
        var read = await Assert.ThrowsAsync<ProviderException>(() => client.GetSizeAsync(CancellationToken.None));

        Assert.Equal(StatusCode.PermissionDenied, upload.Code);
        Assert.Contains("SignatureDoesNotMatch", upload.Message, StringComparison.Ordinal);
        Assert.Contains(CephObjectGateway.AccessKey, upload.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, upload.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, read.Code);
        Assert.DoesNotContain(Wrong, read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingBucketOrObject_NotFound()
    {
        using var noBucket = new S3StagingClient(Location("k", bucket: "no-such-bucket"));
        using var noObject = new S3StagingClient(Location("no/such/object.qcow2"));

        var upload = await Assert.ThrowsAsync<ProviderException>(() => noBucket.BeginUploadAsync(null, CancellationToken.None));
        var size = await Assert.ThrowsAsync<ProviderException>(() => noObject.GetSizeAsync(CancellationToken.None));
        var download = await Assert.ThrowsAsync<ProviderException>(() => noObject.DownloadAsync(Stream.Null, CancellationToken.None));

        Assert.Equal(StatusCode.NotFound, upload.Code);
        Assert.Contains("bucket \"no-such-bucket\" does not exist", upload.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, size.Code);
        Assert.Equal(StatusCode.NotFound, download.Code);
        Assert.Contains("s3://staging-tests/no/such/object.qcow2", download.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingListening_Unavailable()
    {
        var port = FreePorts.Take(1)[0];
        using var client = new S3StagingClient(Location("k", endpoint: $"http://127.0.0.1:{port}"));

        var e = await Assert.ThrowsAsync<ProviderException>(() => client.GetSizeAsync(CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, e.Code);
        Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_RemovesTheObjectAndMissingIsFine()
    {
        using var client = new S3StagingClient(Location("delete/me.raw"));
        await using (var upload = await client.BeginUploadAsync(3, CancellationToken.None))
        {
            await upload.WriteAsync(new MemoryStream([1, 2, 3]), CancellationToken.None);
            await upload.CompleteAsync(CancellationToken.None);
        }

        await client.DeleteAsync(CancellationToken.None);
        await client.DeleteAsync(CancellationToken.None);

        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<ProviderException>(() => client.GetSizeAsync(CancellationToken.None))).Code);
    }

    /// <summary>A read-only, non-seekable stream that hands out at most <c>chunk</c> bytes per read.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
