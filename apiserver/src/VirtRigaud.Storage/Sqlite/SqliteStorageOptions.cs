namespace VirtRigaud.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite backend (<see cref="SqliteStorage"/>).</summary>
public sealed record SqliteStorageOptions
{
    /// <summary>Durability of commits; <see cref="SqliteSynchronousMode.Full"/> unless a test or scratch install says otherwise.</summary>
    public SqliteSynchronousMode Synchronous { get; init; } = SqliteSynchronousMode.Full;

    /// <summary>How long a connection waits for a lock held by another connection before failing (<c>PRAGMA busy_timeout</c>).</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Read-only connections serving gets, lists and watch replays. In WAL mode they read a consistent snapshot
    /// concurrently with the single writer, so a few cover a 2-core node.
    /// </summary>
    public int ReaderConnections { get; init; } = 4;

    /// <summary>
    /// Live events buffered per watch. A watcher that falls further behind is not allowed to hold up writers: it drops
    /// to re-reading the history table from its last delivered revision and then resumes live (see <see cref="SqliteStorage"/>).
    /// </summary>
    public int WatchBufferSize { get; init; } = 1024;

    /// <summary>History rows a watch reads per query while catching up from the table.</summary>
    public int WatchReplayBatchSize { get; init; } = 256;

    /// <summary>Idle time after which a watch with <see cref="WatchOptions.ProgressNotify"/> sends a progress event.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>History rows a compaction deletes per transaction, so writers are not held up by one long delete.</summary>
    public int CompactionBatchSize { get; init; } = 10_000;
}
