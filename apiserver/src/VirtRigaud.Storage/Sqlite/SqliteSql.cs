namespace VirtRigaud.Storage.Sqlite;

/// <summary>
/// The SQL of the SQLite backend. One table, <c>kv</c>, is a log of every write (a kine-style MVCC log):
/// <code>
/// column           meaning
/// id               the write's revision (AUTOINCREMENT: never reused, not even after compaction deleted the newest row)
/// key              the full key, store prefix included
/// created          1 if this write created the key (no live row before it)
/// deleted          1 for a tombstone; a tombstone's value is the key's last value, for the Deleted event
/// create_revision  the id of the row that created this incarnation of the key
/// prev_revision    the id of the previous row of this incarnation (0 when created)
/// value            the stored bytes
/// </code>
/// The state of a key at revision R is its row with the largest id ≤ R, unless that row is a tombstone; the current
/// revision is <c>sqlite_sequence.seq</c> of <c>kv</c>. <c>meta</c> holds the compacted revision.
/// </summary>
internal static class SqliteSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS kv (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            created INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            value BLOB);
        CREATE INDEX IF NOT EXISTS kv_key_id ON kv (key, id);
        CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        """;

    public const string CurrentRevision = "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'kv'), 0)";

    public const string CompactedRevision = "SELECT COALESCE((SELECT value FROM meta WHERE name = 'compacted'), 0)";

    public const string SetCompactedRevision = "INSERT OR REPLACE INTO meta (name, value) VALUES ('compacted', $revision)";

    /// <summary>The newest row of one key (live or tombstone). Columns: id, created, deleted, create_revision, value.</summary>
    public const string Latest = """
        SELECT id, created, deleted, create_revision, value FROM kv
        WHERE key = $key ORDER BY id DESC LIMIT 1
        """;

    /// <summary>The live keys in [$start, $end) as of $revision, in key order. Columns: id, key, create_revision, value.</summary>
    public const string Range = """
        SELECT kv.id, kv.key, kv.create_revision, kv.value
        FROM (SELECT MAX(id) AS id FROM kv WHERE key >= $start AND key < $end AND id <= $revision GROUP BY key) AS newest
        JOIN kv ON kv.id = newest.id
        WHERE kv.deleted = 0
        ORDER BY kv.key
        LIMIT $limit
        """;

    /// <summary>How many live keys are in [$start, $end) as of $revision.</summary>
    public const string Count = """
        SELECT COUNT(*)
        FROM (SELECT MAX(id) AS id FROM kv WHERE key >= $start AND key < $end AND id <= $revision GROUP BY key) AS newest
        JOIN kv ON kv.id = newest.id
        WHERE kv.deleted = 0
        """;

    /// <summary>
    /// The writes after $after to keys in [$start, $end), in revision order, with the previous value.
    /// Columns: id, key, created, deleted, create_revision, value, previous value.
    /// </summary>
    public const string HistoryRange = """
        SELECT kv.id, kv.key, kv.created, kv.deleted, kv.create_revision, kv.value, prev.value
        FROM kv LEFT JOIN kv AS prev ON prev.id = kv.prev_revision
        WHERE kv.id > $after AND kv.key >= $start AND kv.key < $end
        ORDER BY kv.id
        LIMIT $limit
        """;

    /// <summary>The writes after $after to one key; columns as <see cref="HistoryRange"/>.</summary>
    public const string HistoryKey = """
        SELECT kv.id, kv.key, kv.created, kv.deleted, kv.create_revision, kv.value, prev.value
        FROM kv LEFT JOIN kv AS prev ON prev.id = kv.prev_revision
        WHERE kv.key = $key AND kv.id > $after
        ORDER BY kv.id
        LIMIT $limit
        """;

    public const string Insert = """
        INSERT INTO kv (id, key, created, deleted, create_revision, prev_revision, value)
        VALUES ($id, $key, $created, $deleted, $create_revision, $prev_revision, $value)
        """;

    /// <summary>
    /// Which rows in ($after, $revision] compaction may delete: tombstones, and rows superseded by a newer row of the same
    /// key that is itself at or before $revision. The last of the next $limit such ids bounds one delete batch.
    /// </summary>
    public const string CompactionBatchEnd = """
        SELECT MAX(id) FROM (
            SELECT id FROM kv
            WHERE id > $after AND id <= $revision
              AND (deleted = 1 OR id < (SELECT MAX(newer.id) FROM kv AS newer WHERE newer.key = kv.key AND newer.id <= $revision))
            ORDER BY id
            LIMIT $limit)
        """;

    public const string CompactionDelete = """
        DELETE FROM kv
        WHERE id > $after AND id <= $until
          AND (deleted = 1 OR id < (SELECT MAX(newer.id) FROM kv AS newer WHERE newer.key = kv.key AND newer.id <= $revision))
        """;

    public const string IntegrityCheck = "PRAGMA integrity_check";
}
