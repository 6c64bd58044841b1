namespace VirtRigaud.Storage.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> for the write connection (the journal is always WAL).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// Every commit is fsynced to the write-ahead log before the write is acknowledged: an acknowledged write survives
    /// a crash of the process and of the machine. The default.
    /// </summary>
    Full,

    /// <summary>
    /// The log is fsynced only at checkpoints: the database cannot be corrupted, and acknowledged writes survive a crash
    /// of the process (kill -9), but the last ones may be lost on power failure. Faster; for tests and scratch installs.
    /// </summary>
    Normal,
}
