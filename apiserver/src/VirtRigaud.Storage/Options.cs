namespace VirtRigaud.Storage;

/// <summary>How a read's resourceVersion is to be interpreted (Kubernetes <c>resourceVersionMatch</c>).</summary>
public enum RevisionMatch
{
    /// <summary>
    /// No explicit match: revision 0 means "the latest", any other revision means "not older than" it
    /// (the Kubernetes default for lists and gets with a resourceVersion).
    /// </summary>
    Unset,

    /// <summary>Read the latest state, which must be at or after the given revision.</summary>
    NotOlderThan,

    /// <summary>Read the state exactly at the given revision (fails with ResourceExpired if compacted).</summary>
    Exact,
}

/// <summary>Options of <see cref="IStorage.GetAsync"/>.</summary>
/// <param name="IgnoreNotFound">Return <c>null</c> instead of throwing when the key is missing.</param>
/// <param name="MinimumRevision">
/// When greater than 0, the store's current revision must be at least this; otherwise the read fails with
/// <see cref="StorageErrorCode.TooLargeResourceVersion"/>.
/// </param>
public readonly record struct GetOptions(bool IgnoreNotFound = false, long MinimumRevision = 0);

/// <summary>Options of <see cref="IStorage.ListAsync"/>.</summary>
public sealed record ListOptions
{
    /// <summary>The list's resourceVersion (0 = latest); see <see cref="Match"/>.</summary>
    public long Revision { get; init; }

    /// <summary>How <see cref="Revision"/> is interpreted.</summary>
    public RevisionMatch Match { get; init; }

    /// <summary>At most this many items per page; 0 = all.</summary>
    public long Limit { get; init; }

    /// <summary>
    /// The continue token of the previous page. The next page is read at that page's revision (fails with
    /// <see cref="StorageErrorCode.ResourceExpired"/> once compacted); <see cref="Revision"/> must then be 0.
    /// </summary>
    public string? Continue { get; init; }

    /// <summary>
    /// Keeps only the items it returns true for. The limit counts kept items: the store reads further pages until it
    /// has <see cref="Limit"/> of them or the keys run out.
    /// </summary>
    public Func<StorageItem, bool>? Predicate { get; init; }
}

/// <summary>Options of <see cref="IStorage.WatchAsync"/>.</summary>
public sealed record WatchOptions
{
    /// <summary>Events with a revision after this one are sent; 0 = only changes after the watch starts.</summary>
    public long StartRevision { get; init; }

    /// <summary>Watch every key below the key (a prefix ending in <c>/</c>; one is added if missing) instead of the key itself.</summary>
    public bool Recursive { get; init; }

    /// <summary>Fill <see cref="StorageEvent.PreviousValue"/>.</summary>
    public bool PreviousValues { get; init; }

    /// <summary>Send <see cref="StorageEventType.Progress"/> events while nothing changes (backend-paced, about every few seconds to a minute).</summary>
    public bool ProgressNotify { get; init; }
}

/// <summary>Conditions a write requires of the key's current state.</summary>
/// <param name="Uid">The object's <c>metadata.uid</c> must equal this.</param>
/// <param name="ResourceVersion">The key's current revision must equal this.</param>
public sealed record Preconditions(string? Uid = null, long? ResourceVersion = null);

/// <summary>Settings shared by the backends.</summary>
public sealed record StorageOptions
{
    /// <summary>Prepended to every key, so several installs can share one etcd. Default <c>/registry</c>.</summary>
    public string Prefix { get; init; } = "/registry";

    /// <summary>Values larger than this are refused with <see cref="StorageErrorCode.RequestTooLarge"/> (etcd's default request limit is 1.5 MiB).</summary>
    public int MaxValueBytes { get; init; } = 3 * 1024 * 1024 / 2;
}
