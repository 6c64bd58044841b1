using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace VirtRigaud.Storage.Sqlite;

/// <summary>
/// The embedded SQLite backend of <see cref="IStorage"/>, for single-node installs and <c>make run</c>: one database
/// file owned by one process, with etcd's revision semantics (see <see cref="SqliteSql"/> for the table).
/// </summary>
/// <remarks>
/// <para>
/// <b>Writes</b> go through one connection, one at a time (an async lock), each in its own <c>BEGIN IMMEDIATE</c>
/// transaction that reads the key's newest row, checks the expected state and inserts the new row: compare-and-swap is
/// atomic. The write is acknowledged after the commit; with WAL and <c>synchronous=FULL</c> (the default) the commit
/// is fsynced first, so an acknowledged write survives a crash.
/// </para>
/// <para>
/// <b>Reads</b> run on a small pool of connections (<see cref="SqliteStorageOptions.ReaderConnections"/>), each in a
/// read transaction: one consistent WAL snapshot, concurrent with the writer. Microsoft.Data.Sqlite has no real
/// asynchronous I/O, so statements run on the calling thread.
/// </para>
/// <para>
/// <b>Watches</b> are fed by this process's writes: after each commit, still inside the write lock, the event is
/// published to every live watch (revision order). A watch from an older revision first reads the history rows.
/// Slow watchers never hold up writers: each has a bounded buffer (<see cref="SqliteStorageOptions.WatchBufferSize"/>);
/// a watcher whose buffer overflows loses its live feed and goes back to reading history rows from the table after
/// its last delivered event, then subscribes again — it sees every event, late, unless compaction removed the
/// history it still needs, in which case it ends with <see cref="StorageErrorCode.ResourceExpired"/> like an etcd
/// watch that fell behind compaction. Idle watches with progress notification get a progress event every
/// <see cref="SqliteStorageOptions.ProgressInterval"/>.
/// </para>
/// <para>
/// <b>Compaction</b> at R deletes tombstones at or before R and rows superseded by a newer row at or before R, in
/// batches, after recording R: reads at revisions before R and watches from before R then fail with
/// <see cref="StorageErrorCode.ResourceExpired"/>; the state at R itself stays readable, as in etcd.
/// </para>
/// <para>A lock file (<c>&lt;path&gt;.lock</c>) keeps a second process from opening the same database.</para>
/// </remarks>
public sealed partial class SqliteStorage : IStorage
{
    /// <summary>Kubernetes' wording for a continue token whose revision was compacted.</summary>
    internal const string ContinueExpiredMessage =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    private static int s_sqliteInitialized;

    private readonly string _path;
    private readonly string _prefix;
    private readonly StorageOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteReaderPool _readers = new();
    private SqliteConnection? _writer;
    private FileStream? _lockFile;
    private long _currentRevision;
    private int _disposed;

    private SqliteStorage(string path, StorageOptions options, SqliteStorageOptions sqliteOptions, TimeProvider time)
    {
        _path = path;
        _options = options;
        _prefix = options.Prefix.TrimEnd('/');
        SqliteOptions = sqliteOptions;
        Time = time;
    }

    internal SqliteStorageOptions SqliteOptions { get; }

    internal TimeProvider Time { get; }

    internal SqliteWatchHub Hub { get; } = new();

    /// <summary>The newest committed revision (written only by the writer, after each commit).</summary>
    internal long CurrentRevision => Volatile.Read(ref _currentRevision);

    /// <summary>
    /// Opens (creating if needed) the database at <paramref name="path"/>: takes the lock file, switches to WAL, creates
    /// the schema and opens the connections.
    /// </summary>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.Unavailable"/> when another process has the database open.</exception>
    public static async Task<SqliteStorage> OpenAsync(
        string path,
        StorageOptions options,
        SqliteStorageOptions sqliteOptions,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(sqliteOptions.ReaderConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sqliteOptions.WatchBufferSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sqliteOptions.WatchReplayBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sqliteOptions.CompactionBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sqliteOptions.ProgressInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxValueBytes, 0);

        if (Interlocked.Exchange(ref s_sqliteInitialized, 1) == 0)
        {
            SQLitePCL.Batteries_V2.Init();
        }

        var storage = new SqliteStorage(Path.GetFullPath(path), options, sqliteOptions, timeProvider ?? TimeProvider.System);
        try
        {
            await storage.OpenCoreAsync(cancellationToken);
            return storage;
        }
        catch
        {
            await storage.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc/>
    public Task<long> GetCurrentRevisionAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return Task.FromResult(CurrentRevision);
    }

    /// <inheritdoc/>
    public Task<long> GetCompactedRevisionAsync(CancellationToken cancellationToken = default) =>
        ReadAsync((connection, transaction) => Scalar(connection, transaction, SqliteSql.CompactedRevision), cancellationToken);

    /// <inheritdoc/>
    public Task<StorageItem?> GetAsync(string key, GetOptions options = default, CancellationToken cancellationToken = default)
    {
        var fullKey = FullKey(key);
        return ReadAsync((connection, transaction) =>
        {
            var current = Scalar(connection, transaction, SqliteSql.CurrentRevision);
            if (options.MinimumRevision > current)
            {
                throw StorageException.TooLarge(key, options.MinimumRevision, current);
            }

            var item = ReadLatest(connection, transaction, fullKey, key);
            return item is not null || options.IgnoreNotFound ? item : throw StorageException.NotFound(key);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<StorageList> ListAsync(string prefix, ListOptions options, CancellationToken cancellationToken = default)
    {
        var listPrefix = ListPrefix(prefix);
        var start = listPrefix;
        if (options.Continue is { } token)
        {
            if (options.Revision != 0)
            {
                throw new StorageException(StorageErrorCode.InvalidContinue, prefix, "specifying resource version is not allowed when using continue");
            }

            (_, start) = ContinueToken.Decode(listPrefix, token);
        }

        return ReadAsync((connection, transaction) =>
        {
            var current = Scalar(connection, transaction, SqliteSql.CurrentRevision);
            var compacted = Scalar(connection, transaction, SqliteSql.CompactedRevision);
            var revision = ReadRevision(listPrefix, options, current, compacted);
            return ReadPage(connection, transaction, listPrefix, start, revision, options);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<long> CountAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var fullPrefix = FullKey(ListPrefix(prefix));
        return ReadAsync((connection, transaction) =>
        {
            var current = Scalar(connection, transaction, SqliteSql.CurrentRevision);
            return CountFrom(connection, transaction, fullPrefix, RangeEnd(fullPrefix), current);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<StorageEvent> WatchAsync(
        string key,
        WatchOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var watch = new SqliteWatch(this, options.Recursive ? ListPrefix(key) : key, options);
        while (true)
        {
            StorageEvent? next;
            try
            {
                next = await watch.NextAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            if (next is null)
            {
                yield break;
            }

            yield return next;
        }
    }

    /// <summary>Runs <c>PRAGMA integrity_check</c>: "ok" when the database file is sound.</summary>
    internal Task<string> CheckIntegrityAsync(CancellationToken cancellationToken) =>
        ReadAsync((connection, transaction) =>
        {
            using var command = Command(connection, transaction, SqliteSql.IntegrityCheck);
            return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
        }, cancellationToken);

    /// <summary>
    /// The events after revision <paramref name="after"/> of <paramref name="key"/> (or below it, when
    /// <paramref name="recursive"/>) read from the table, at most one batch, in revision order, previous values filled.
    /// </summary>
    /// <exception cref="StorageException"><see cref="StorageErrorCode.ResourceExpired"/> when history after <paramref name="after"/> may have been compacted.</exception>
    internal Task<List<StorageEvent>> ReadHistoryAsync(string key, bool recursive, long after, CancellationToken cancellationToken)
    {
        var fullKey = FullKey(key);
        return ReadAsync((connection, transaction) =>
        {
            var compacted = Scalar(connection, transaction, SqliteSql.CompactedRevision);
            if (after < compacted)
            {
                throw StorageException.Expired(key, after, compacted);
            }

            using var command = Command(connection, transaction, recursive ? SqliteSql.HistoryRange : SqliteSql.HistoryKey);
            command.Parameters.AddWithValue("$after", after);
            command.Parameters.AddWithValue("$limit", SqliteOptions.WatchReplayBatchSize);
            if (recursive)
            {
                command.Parameters.AddWithValue("$start", fullKey);
                command.Parameters.AddWithValue("$end", RangeEnd(fullKey));
            }
            else
            {
                command.Parameters.AddWithValue("$key", fullKey);
            }

            var events = new List<StorageEvent>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var type = reader.GetInt64(3) != 0 ? StorageEventType.Deleted
                    : reader.GetInt64(2) != 0 ? StorageEventType.Added
                    : StorageEventType.Modified;
                events.Add(new StorageEvent(
                    type,
                    ApiKey(reader.GetString(1)),
                    Blob(reader, 5),
                    reader.IsDBNull(6) ? null : Blob(reader, 6),
                    reader.GetInt64(0),
                    reader.GetInt64(4)));
            }

            return events;
        }, cancellationToken);
    }

    /// <summary>Closes the store: waits for the write in progress, ends every watch, closes the connections and the lock file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writeLock.WaitAsync(CancellationToken.None);
        try
        {
            Hub.Close();
            await _readers.DisposeAsync();
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
            }

            if (_lockFile is not null)
            {
                await _lockFile.DisposeAsync();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task OpenCoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) on Unix; the kernel drops it if the process dies.
            _lockFile = new FileStream(_path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new StorageException(StorageErrorCode.Unavailable, string.Empty, $"the database {_path} is in use by another process", 0, e);
        }

        var synchronous = SqliteOptions.Synchronous == SqliteSynchronousMode.Full ? "FULL" : "NORMAL";
        _writer = await OpenConnectionAsync(SqliteOpenMode.ReadWriteCreate, cancellationToken);
        var journal = await ExecuteScalarAsync(_writer, "PRAGMA journal_mode=WAL", cancellationToken);
        if (!string.Equals(Convert.ToString(journal, CultureInfo.InvariantCulture), "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException(StorageErrorCode.Internal, string.Empty, $"the database {_path} cannot use a write-ahead log (journal mode {journal})");
        }

        await ExecuteScalarAsync(_writer, $"PRAGMA synchronous={synchronous}", cancellationToken);
        await ExecuteScalarAsync(_writer, SqliteSql.Schema, cancellationToken);
        _currentRevision = Convert.ToInt64(await ExecuteScalarAsync(_writer, SqliteSql.CurrentRevision, cancellationToken), CultureInfo.InvariantCulture);

        for (var i = 0; i < SqliteOptions.ReaderConnections; i++)
        {
            var reader = await OpenConnectionAsync(SqliteOpenMode.ReadWrite, cancellationToken);
            await ExecuteScalarAsync(reader, "PRAGMA query_only=1", cancellationToken);
            _readers.Add(reader);
        }
    }

    private async Task<SqliteConnection> OpenConnectionAsync(SqliteOpenMode mode, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteScalarAsync(
                connection,
                string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={(long)SqliteOptions.BusyTimeout.TotalMilliseconds}"),
                cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<object?> ExecuteScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="read"/> in a read transaction (one snapshot) on a pooled connection.</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = await _readers.RentAsync(cancellationToken);
        try
        {
            using var transaction = connection.BeginTransaction(deferred: true);
            var result = read(connection, transaction);
            transaction.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw new StorageException(StorageErrorCode.Internal, string.Empty, $"SQLite read failed: {e.Message}", 0, e);
        }
        finally
        {
            _readers.Return(connection);
        }
    }

    /// <summary>The revision a list reads at, after the Kubernetes checks of its resourceVersion and match.</summary>
    private static long ReadRevision(string prefix, ListOptions options, long current, long compacted)
    {
        if (options.Continue is { } token)
        {
            var (revision, _) = ContinueToken.Decode(prefix, token);
            if (revision < compacted)
            {
                throw new StorageException(StorageErrorCode.ResourceExpired, prefix, ContinueExpiredMessage, compacted);
            }

            return revision <= current ? revision : throw StorageException.TooLarge(prefix, revision, current);
        }

        if (options.Revision == 0)
        {
            return current;
        }

        if (options.Revision > current)
        {
            throw StorageException.TooLarge(prefix, options.Revision, current);
        }

        if (options.Match == RevisionMatch.Exact)
        {
            return options.Revision >= compacted ? options.Revision : throw StorageException.Expired(prefix, options.Revision, compacted);
        }

        return current;
    }

    private StorageList ReadPage(SqliteConnection connection, SqliteTransaction transaction, string prefix, string start, long revision, ListOptions options)
    {
        var fullStart = FullKey(start);
        var end = RangeEnd(FullKey(prefix));
        var paging = options.Limit > 0;
        using var command = Command(connection, transaction, SqliteSql.Range);
        command.Parameters.AddWithValue("$start", fullStart);
        command.Parameters.AddWithValue("$end", end);
        command.Parameters.AddWithValue("$revision", revision);

        // Without a predicate one row past the limit says whether there is more; with one, read on until the page fills.
        command.Parameters.AddWithValue("$limit", paging && options.Predicate is null ? options.Limit + 1 : -1);

        var items = new List<StorageItem>();
        string? lastKey = null;
        var more = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (paging && items.Count >= options.Limit)
                {
                    more = true;
                    break;
                }

                var item = new StorageItem(ApiKey(reader.GetString(1)), Blob(reader, 3), reader.GetInt64(0), reader.GetInt64(2));
                lastKey = item.Key;
                if (options.Predicate?.Invoke(item) ?? true)
                {
                    items.Add(item);
                }
            }
        }

        if (!more)
        {
            return new StorageList(items, revision, null, null);
        }

        long? remaining = options.Predicate is null
            ? CountFrom(connection, transaction, fullStart, end, revision) - items.Count
            : null;
        return new StorageList(items, revision, ContinueToken.Encode(prefix, lastKey!, revision), remaining);
    }

    private static long CountFrom(SqliteConnection connection, SqliteTransaction transaction, string fullStart, string end, long revision)
    {
        using var command = Command(connection, transaction, SqliteSql.Count);
        command.Parameters.AddWithValue("$start", fullStart);
        command.Parameters.AddWithValue("$end", end);
        command.Parameters.AddWithValue("$revision", revision);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>The live item of a key as of the transaction's snapshot, or null.</summary>
    private static StorageItem? ReadLatest(SqliteConnection connection, SqliteTransaction transaction, string fullKey, string key)
    {
        using var command = Command(connection, transaction, SqliteSql.Latest);
        command.Parameters.AddWithValue("$key", fullKey);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(2) != 0)
        {
            return null;
        }

        return new StorageItem(key, Blob(reader, 4), reader.GetInt64(0), reader.GetInt64(3));
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static byte[] Blob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : (byte[])reader.GetValue(ordinal);

    /// <summary>The key with the store prefix, as stored.</summary>
    private string FullKey(string key)
    {
        if (!key.StartsWith('/'))
        {
            throw new ArgumentException($"key {key} must start with /", nameof(key));
        }

        return _prefix + key;
    }

    /// <summary>The API key of a stored key (store prefix removed).</summary>
    private string ApiKey(string fullKey) => fullKey[_prefix.Length..];

    /// <summary>A list or recursive-watch prefix, with the trailing slash that keeps "/a/b" from matching "/a/bc".</summary>
    private static string ListPrefix(string prefix) => prefix.EndsWith('/') ? prefix : prefix + "/";

    /// <summary>The first key after every key starting with <paramref name="fullPrefix"/> (which ends in '/'), for [start, end) ranges.</summary>
    private static string RangeEnd(string fullPrefix) => string.Concat(fullPrefix.AsSpan(0, fullPrefix.Length - 1), "0");
}
