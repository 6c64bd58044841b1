using Google.Protobuf;
using VirtRigaud.Etcd;
using VirtRigaud.Etcd.Protocol;

namespace VirtRigaud.Storage.Etcd;

/// <summary>Create, GuaranteedUpdate and Delete: compare-and-swap transactions on the key's revision.</summary>
public sealed partial class EtcdStorage
{
    public async Task<StorageItem> CreateAsync(string key, byte[] value, CancellationToken cancellationToken = default)
    {
        CheckSize(key, value);
        var full = Full(key);
        var response = await EtcdStorageErrors.RunAsync(key, () => _client.TxnAsync(new TxnRequest
        {
            Compare = { EtcdCompare.Absent(full) },
            Success = { EtcdOp.Put(full, ByteString.CopyFrom(value)) },
        }, null, cancellationToken)).ConfigureAwait(false);
        return response.Succeeded
            ? new StorageItem(key, value, response.Header.Revision, response.Header.Revision)
            : throw StorageException.Exists(key);
    }

    public async Task<StorageItem> GuaranteedUpdateAsync(
        string key,
        Preconditions? preconditions,
        bool ignoreNotFound,
        UpdateFunction tryUpdate,
        StorageItem? cachedExisting = null,
        CancellationToken cancellationToken = default)
    {
        var full = Full(key);
        var current = cachedExisting ?? await ReadAsync(key, full, cancellationToken).ConfigureAwait(false);
        var fromCache = cachedExisting is not null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (current is null && !ignoreNotFound)
            {
                throw StorageException.NotFound(key);
            }

            byte[] updated;
            try
            {
                if (current is not null)
                {
                    StoredObjects.Check(preconditions, current);
                }

                updated = await tryUpdate(current, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException) when (fromCache)
            {
                // The cached copy may be what fails the check: judge the real state before giving up.
                current = await ReadAsync(key, full, cancellationToken).ConfigureAwait(false);
                fromCache = false;
                continue;
            }

            CheckSize(key, updated);
            if (current is not null && updated.AsSpan().SequenceEqual(current.Value))
            {
                if (!fromCache)
                {
                    return current;
                }

                // Unchanged against a possibly stale copy: only a fresh read can say no write is needed.
                current = await ReadAsync(key, full, cancellationToken).ConfigureAwait(false);
                fromCache = false;
                continue;
            }

            var response = await EtcdStorageErrors.RunAsync(key, () => _client.TxnAsync(new TxnRequest
            {
                Compare = { current is null ? EtcdCompare.Absent(full) : EtcdCompare.ModRevision(full, Compare.Types.CompareResult.Equal, current.Revision) },
                Success = { EtcdOp.Put(full, ByteString.CopyFrom(updated)) },
                Failure = { EtcdOp.Get(full) },
            }, null, cancellationToken)).ConfigureAwait(false);
            if (response.Succeeded)
            {
                var revision = response.Header.Revision;
                return new StorageItem(key, updated, revision, current?.CreateRevision ?? revision);
            }

            current = FromRange(response.Responses[0].ResponseRange);
            fromCache = false;
        }
    }

    public async Task<StorageItem> DeleteAsync(
        string key,
        Preconditions? preconditions = null,
        ValidateDeletion? validateDeletion = null,
        StorageItem? cachedExisting = null,
        CancellationToken cancellationToken = default)
    {
        var full = Full(key);
        var current = cachedExisting ?? await ReadAsync(key, full, cancellationToken).ConfigureAwait(false);
        var fromCache = cachedExisting is not null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (current is null)
            {
                throw StorageException.NotFound(key);
            }

            try
            {
                StoredObjects.Check(preconditions, current);
                if (validateDeletion is not null)
                {
                    await validateDeletion(current, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception) when (fromCache)
            {
                current = await ReadAsync(key, full, cancellationToken).ConfigureAwait(false);
                fromCache = false;
                continue;
            }

            var response = await EtcdStorageErrors.RunAsync(key, () => _client.TxnAsync(new TxnRequest
            {
                Compare = { EtcdCompare.ModRevision(full, Compare.Types.CompareResult.Equal, current.Revision) },
                Success = { EtcdOp.Delete(full, prevKv: true) },
                Failure = { EtcdOp.Get(full) },
            }, null, cancellationToken)).ConfigureAwait(false);
            if (response.Succeeded)
            {
                var deleted = response.Responses[0].ResponseDeleteRange;
                var last = deleted.PrevKvs.Count > 0 ? Item(deleted.PrevKvs[0]) : current;
                return last with { Revision = response.Header.Revision };
            }

            current = FromRange(response.Responses[0].ResponseRange);
            fromCache = false;
        }
    }

    private async Task<StorageItem?> ReadAsync(string key, ByteString full, CancellationToken cancellationToken)
    {
        var response = await EtcdStorageErrors.RunAsync(key, () => _client.RangeAsync(new RangeRequest { Key = full }, null, cancellationToken)).ConfigureAwait(false);
        return FromRange(response);
    }

    private StorageItem? FromRange(RangeResponse response) => response.Kvs.Count == 0 ? null : Item(response.Kvs[0]);

    private void CheckSize(string key, byte[] value)
    {
        if (value.Length > _maxValueBytes)
        {
            throw new StorageException(StorageErrorCode.RequestTooLarge, key, $"request is too large: the value has {value.Length} bytes, the limit is {_maxValueBytes}");
        }
    }
}
