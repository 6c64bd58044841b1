using Microsoft.Data.Sqlite;

namespace VirtRigaud.Storage.Sqlite;

/// <summary>Writes: create, guaranteed update, delete and compaction, all through the single write connection.</summary>
public sealed partial class SqliteStorage
{
    /// <inheritdoc/>
    public async Task<StorageItem> CreateAsync(string key, byte[] value, CancellationToken cancellationToken = default)
    {
        CheckSize(key, value);
        var (written, _) = await CompareAndSwapAsync(key, expected: null, value, cancellationToken);
        return written ?? throw StorageException.Exists(key);
    }

    /// <inheritdoc/>
    public async Task<StorageItem> GuaranteedUpdateAsync(
        string key,
        Preconditions? preconditions,
        bool ignoreNotFound,
        UpdateFunction tryUpdate,
        StorageItem? cachedExisting = null,
        CancellationToken cancellationToken = default)
    {
        // The loop of k8s.io/apiserver's etcd3 store: work on the cached copy if given, and whenever something fails
        // or changes nothing on a copy that may be stale, re-read and try again before believing it.
        var current = cachedExisting ?? await ReadLatestAsync(key, cancellationToken);
        var isCurrent = cachedExisting is null;
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

                updated = await tryUpdate(current, cancellationToken);
            }
            catch (Exception) when (!isCurrent)
            {
                var stale = current;
                current = await ReadLatestAsync(key, cancellationToken);
                isCurrent = true;
                if (current?.Revision == stale?.Revision)
                {
                    throw;
                }

                continue;
            }

            CheckSize(key, updated);
            if (current is not null && current.Value.AsSpan().SequenceEqual(updated))
            {
                if (isCurrent)
                {
                    return current;
                }

                current = await ReadLatestAsync(key, cancellationToken);
                isCurrent = true;
                continue;
            }

            var (written, actual) = await CompareAndSwapAsync(key, current, updated, cancellationToken);
            if (written is not null)
            {
                return written;
            }

            current = actual;
            isCurrent = true;
        }
    }

    /// <inheritdoc/>
    public async Task<StorageItem> DeleteAsync(
        string key,
        Preconditions? preconditions = null,
        ValidateDeletion? validateDeletion = null,
        StorageItem? cachedExisting = null,
        CancellationToken cancellationToken = default)
    {
        var current = cachedExisting ?? await ReadLatestAsync(key, cancellationToken);
        var isCurrent = cachedExisting is null;
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
                    await validateDeletion(current, cancellationToken);
                }
            }
            catch (Exception) when (!isCurrent)
            {
                var stale = current;
                current = await ReadLatestAsync(key, cancellationToken);
                isCurrent = true;
                if (current?.Revision == stale.Revision)
                {
                    throw;
                }

                continue;
            }

            var (written, actual) = await CompareAndSwapAsync(key, current, null, cancellationToken);
            if (written is not null)
            {
                return written;
            }

            current = actual;
            isCurrent = true;
        }
    }

    /// <inheritdoc/>
    public async Task CompactAsync(long revision, CancellationToken cancellationToken = default)
    {
        // Each batch is its own transaction under the write lock, so writers interleave with a long compaction. The
        // compacted revision is recorded in the first one: a reader that can see any deleted row gone also sees it.
        long after = 0;
        var first = true;
        while (true)
        {
            var done = await WriteTransactionAsync((connection, transaction) =>
            {
                if (first)
                {
                    var compacted = Scalar(connection, transaction, SqliteSql.CompactedRevision);
                    if (revision <= compacted)
                    {
                        return true;
                    }

                    if (revision > CurrentRevision)
                    {
                        throw StorageException.TooLarge(string.Empty, revision, CurrentRevision);
                    }

                    using var record = Command(connection, transaction, SqliteSql.SetCompactedRevision);
                    record.Parameters.AddWithValue("$revision", revision);
                    record.ExecuteNonQuery();
                    first = false;
                }

                using var find = Command(connection, transaction, SqliteSql.CompactionBatchEnd);
                find.Parameters.AddWithValue("$after", after);
                find.Parameters.AddWithValue("$revision", revision);
                find.Parameters.AddWithValue("$limit", SqliteOptions.CompactionBatchSize);
                if (find.ExecuteScalar() is not long until)
                {
                    return true;
                }

                using var delete = Command(connection, transaction, SqliteSql.CompactionDelete);
                delete.Parameters.AddWithValue("$after", after);
                delete.Parameters.AddWithValue("$until", until);
                delete.Parameters.AddWithValue("$revision", revision);
                delete.ExecuteNonQuery();
                after = until;
                return false;
            }, cancellationToken);

            if (done)
            {
                return;
            }
        }
    }

    private Task<StorageItem?> ReadLatestAsync(string key, CancellationToken cancellationToken)
    {
        var fullKey = FullKey(key);
        return ReadAsync((connection, transaction) => ReadLatest(connection, transaction, fullKey, key), cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="value"/> (or, when null, a tombstone) to <paramref name="key"/> if the key's newest live
    /// row is still <paramref name="expected"/> (null: the key must not exist). Returns the written item (for a
    /// deletion: the last value at the deletion's revision), or null and the actual current item on a mismatch.
    /// Publishes the event to the watches after the commit.
    /// </summary>
    private Task<(StorageItem? Written, StorageItem? Current)> CompareAndSwapAsync(
        string key, StorageItem? expected, byte[]? value, CancellationToken cancellationToken)
    {
        var fullKey = FullKey(key);
        StorageEvent? committed = null;
        return WriteTransactionAsync<(StorageItem?, StorageItem?)>((connection, transaction) =>
        {
            var current = ReadLatest(connection, transaction, fullKey, key);
            if (current?.Revision != expected?.Revision || (value is null && current is null))
            {
                return (null, current);
            }

            var revision = CurrentRevision + 1;
            using var insert = Command(connection, transaction, SqliteSql.Insert);
            insert.Parameters.AddWithValue("$id", revision);
            insert.Parameters.AddWithValue("$key", fullKey);
            insert.Parameters.AddWithValue("$created", current is null ? 1 : 0);
            insert.Parameters.AddWithValue("$deleted", value is null ? 1 : 0);
            insert.Parameters.AddWithValue("$create_revision", current?.CreateRevision ?? revision);
            insert.Parameters.AddWithValue("$prev_revision", current?.Revision ?? 0);
            insert.Parameters.AddWithValue("$value", value ?? current!.Value);
            insert.ExecuteNonQuery();

            var written = new StorageItem(key, value ?? current!.Value, revision, current?.CreateRevision ?? revision);
            var type = value is null ? StorageEventType.Deleted : current is null ? StorageEventType.Added : StorageEventType.Modified;
            committed = new StorageEvent(type, key, written.Value, current?.Value, revision, written.CreateRevision);
            return (written, current);
        }, cancellationToken, () =>
        {
            if (committed is not null)
            {
                Volatile.Write(ref _currentRevision, committed.Revision);
                Hub.Publish(committed);
            }
        });
    }

    /// <summary>
    /// Runs <paramref name="write"/> in one <c>BEGIN IMMEDIATE</c> transaction on the write connection, under the
    /// write lock, commits, then runs <paramref name="afterCommit"/> still under the lock (so events are published in
    /// revision order).
    /// </summary>
    private async Task<T> WriteTransactionAsync<T>(
        Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken, Action? afterCommit = null)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            T result;
            using (var transaction = _writer!.BeginTransaction(deferred: false))
            {
                result = write(_writer, transaction);
                transaction.Commit();
            }

            afterCommit?.Invoke();
            return result;
        }
        catch (SqliteException e)
        {
            throw new StorageException(StorageErrorCode.Internal, string.Empty, $"SQLite write failed: {e.Message}", 0, e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void CheckSize(string key, byte[] value)
    {
        if (value.Length > _options.MaxValueBytes)
        {
            throw new StorageException(
                StorageErrorCode.RequestTooLarge,
                key,
                $"value of {key} is {value.Length} bytes, more than the limit of {_options.MaxValueBytes}");
        }
    }
}
