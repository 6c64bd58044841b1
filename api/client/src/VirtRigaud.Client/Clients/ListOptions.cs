namespace VirtRigaud.Client.Clients;

/// <summary>
/// Query options of a list or watch (metav1.ListOptions). Every property is optional; <see langword="null"/> means
/// "not sent", so the server's default applies. Immutable: derive variants with <c>with</c>.
/// </summary>
public sealed record ListOptions
{
    /// <summary>An options value that sends nothing.</summary>
    public static ListOptions Empty { get; } = new();

    /// <summary>Label selector in the Kubernetes syntax, e.g. <c>app=web,tier!=db</c>.</summary>
    public string? LabelSelector { get; init; }

    /// <summary>Field selector, e.g. <c>metadata.name=vm-1</c> or <c>status.phase=Running</c>.</summary>
    public string? FieldSelector { get; init; }

    /// <summary>Maximum number of items in one list page; the server returns a continue token when more remain.</summary>
    public long? Limit { get; init; }

    /// <summary>The continue token from the previous page's <c>metadata.continue</c>.</summary>
    public string? Continue { get; init; }

    /// <summary>
    /// For lists: the minimum (or exact, see <see cref="ResourceVersionMatch"/>) resource version to serve; <c>"0"</c>
    /// allows the watch cache. For watches: the resource version to start after.
    /// </summary>
    public string? ResourceVersion { get; init; }

    /// <summary><c>NotOlderThan</c> or <c>Exact</c> (see <see cref="ResourceVersionMatchValues"/>); needs <see cref="ResourceVersion"/>.</summary>
    public string? ResourceVersionMatch { get; init; }

    /// <summary>Server-side timeout of the call in seconds; a watch ends cleanly after it.</summary>
    public long? TimeoutSeconds { get; init; }

    /// <summary>For watches: ask for <c>BOOKMARK</c> events that advance the resource version.</summary>
    public bool? AllowWatchBookmarks { get; init; }

    /// <summary>
    /// For watches (WatchList): replay the current state as <c>ADDED</c> events first, then a bookmark annotated
    /// <c>k8s.io/initial-events-end: "true"</c>. Needs <see cref="ResourceVersionMatch"/> <c>NotOlderThan</c> and
    /// <see cref="AllowWatchBookmarks"/>.
    /// </summary>
    public bool? SendInitialEvents { get; init; }
}
