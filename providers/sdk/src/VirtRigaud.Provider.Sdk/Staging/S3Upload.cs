using System.Security.Cryptography;
using Amazon.S3.Model;
using VirtRigaud.Provider.Sdk.Errors;

namespace VirtRigaud.Provider.Sdk.Staging;

/// <summary>What went through an S3 transfer.</summary>
/// <param name="Bytes">The object's size.</param>
/// <param name="Sha256">The SHA-256 of its bytes, lowercase hex.</param>
public sealed record S3TransferResult(long Bytes, string Sha256);

/// <summary>
/// One upload of a staged object, fed from a stream (<see cref="WriteAsync"/>, possibly several times) and published by
/// <see cref="CompleteAsync"/> — which the caller runs only once it knows the source was whole (for a disk streamed from
/// a command, after the command exited 0). Always a multipart upload, started when the upload is created (so a missing
/// bucket or refused credentials show before any data is produced). Until it completes nothing is visible under the
/// key; disposing an upload that was not completed aborts it, so no parts stay behind. Parts of the size chosen at
/// start, two buffers: part N is sent while part N+1 is read. Not thread-safe: one writer.
/// </summary>
public sealed class S3Upload : IAsyncDisposable
{
    private readonly S3StagingClient _owner;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<PartETag> _parts = [];
    private byte[] _buffer;
    private byte[] _spare;
    private int _filled;
    private readonly string _uploadId;
    private Task? _sending;
    private bool _completed;

    private S3Upload(S3StagingClient owner, string uploadId, int partSize)
    {
        _owner = owner;
        _uploadId = uploadId;
        _buffer = new byte[partSize];
        _spare = new byte[partSize];
    }

    /// <summary>Starts a multipart upload: proves at once that the bucket exists and the credentials may write to it.</summary>
    internal static async Task<S3Upload> StartAsync(S3StagingClient owner, int partSize, CancellationToken cancellationToken)
    {
        var location = owner.Location;
        var started = await owner.CallAsync(
            "write",
            () => owner.Client.InitiateMultipartUploadAsync(
                new InitiateMultipartUploadRequest { BucketName = location.Bucket, Key = location.Key, ContentType = "application/octet-stream" },
                cancellationToken)).ConfigureAwait(false);
        return new S3Upload(owner, started.UploadId, partSize);
    }

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Reads <paramref name="source"/> to its end into the upload.</summary>
    /// <exception cref="ProviderException">S3 refused a part (the upload is then unusable; dispose it).</exception>
    public async Task WriteAsync(Stream source, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        while (true)
        {
            var read = await source.ReadAsync(_buffer.AsMemory(_filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            _hash.AppendData(_buffer, _filled, read);
            _filled += read;
            BytesWritten += read;
            if (_filled == _buffer.Length)
            {
                await SendBufferAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends what is left and publishes the object; checks that S3 holds exactly the bytes written.</summary>
    /// <exception cref="ProviderException">S3 refused the upload, or the stored size differs.</exception>
    public async Task<S3TransferResult> CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        var location = _owner.Location;
        if (_filled > 0 || (_parts.Count == 0 && _sending is null))
        {
            // The last part may be smaller than 5 MiB; an empty object is one empty part.
            await SendBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        await WaitForSendAsync().ConfigureAwait(false);
        var parts = _parts.OrderBy(p => p.PartNumber).ToList();
        await _owner.CallAsync(
            "write",
            () => _owner.Client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = location.Bucket, Key = location.Key, UploadId = _uploadId, PartETags = parts },
                cancellationToken)).ConfigureAwait(false);
        _completed = true;
        var stored = await _owner.GetSizeAsync(cancellationToken).ConfigureAwait(false);
        return stored == BytesWritten
            ? new S3TransferResult(BytesWritten, Convert.ToHexStringLower(_hash.GetHashAndReset()))
            : throw ProviderErrors.Unavailable($"{location} holds {stored} bytes after the upload of {BytesWritten}");
    }

    /// <summary>Aborts the multipart upload unless it was completed (best effort: a failure leaves it to the bucket's lifecycle rules).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            _completed = true;
            try
            {
                await WaitForSendAsync().ConfigureAwait(false);
            }
            catch (ProviderException)
            {
            }
            catch (OperationCanceledException)
            {
            }

            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var location = _owner.Location;
                await _owner.Client.AbortMultipartUploadAsync(
                    new AbortMultipartUploadRequest { BucketName = location.Bucket, Key = location.Key, UploadId = _uploadId },
                    timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Amazon.Runtime.AmazonServiceException or Amazon.Runtime.AmazonClientException or HttpRequestException or IOException
                                          or OperationCanceledException)
            {
            }
        }

        _completed = true;
        _hash.Dispose();
    }

    /// <summary>Starts sending the buffer as the next part (after the previous part is through) and swaps buffers.</summary>
    private async Task SendBufferAsync(CancellationToken cancellationToken)
    {
        await WaitForSendAsync().ConfigureAwait(false);
        var partNumber = _parts.Count + 1;
        var data = _buffer;
        var length = _filled;
        (_buffer, _spare) = (_spare, _buffer);
        _filled = 0;
        _sending = SendPartAsync(partNumber, data, length, cancellationToken);
    }

    private async Task SendPartAsync(int partNumber, byte[] data, int length, CancellationToken cancellationToken)
    {
        var location = _owner.Location;
        var response = await _owner.CallAsync(
            "write",
            () => _owner.Client.UploadPartAsync(
                new UploadPartRequest
                {
                    BucketName = location.Bucket,
                    Key = location.Key,
                    UploadId = _uploadId,
                    PartNumber = partNumber,
                    InputStream = new MemoryStream(data, 0, length, writable: false),
                    PartSize = length,
                },
                cancellationToken)).ConfigureAwait(false);
        _parts.Add(new PartETag(partNumber, response.ETag));
    }

    private async Task WaitForSendAsync()
    {
        if (_sending is { } sending)
        {
            _sending = null;
            await sending.ConfigureAwait(false);
        }
    }
}
