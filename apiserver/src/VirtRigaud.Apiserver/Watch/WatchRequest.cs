namespace VirtRigaud.Apiserver.Watch;

/// <summary>What one watch asks the <see cref="WatchCache"/> for, already resolved from the request's parameters.</summary>
internal sealed record WatchRequest
{
    /// <summary>The namespace watched; empty for all namespaces.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>The selectors as a predicate; null when everything matches.</summary>
    public Func<CachedObject, bool>? Filter { get; init; }

    /// <summary>
    /// The <c>resourceVersion</c> parameter: null when unset ("most recent": at least the store's revision when the
    /// request arrived), 0 for "any", otherwise the revision to start after.
    /// </summary>
    public long? ResourceVersion { get; init; }

    /// <summary>Send the current state as ADDED events first.</summary>
    public bool SendInitialEvents { get; init; }

    /// <summary>
    /// Follow the initial events with the <c>k8s.io/initial-events-end</c> bookmark (<c>sendInitialEvents=true</c>
    /// was asked for explicitly, as a WatchList client does).
    /// </summary>
    public bool InitialEventsEndBookmark { get; init; }

    /// <summary>Send periodic BOOKMARK events (<c>allowWatchBookmarks=true</c>).</summary>
    public bool AllowBookmarks { get; init; }

    /// <summary>The watch's <c>timeoutSeconds</c>, for the bookmark kube-apiserver sends 2 s before it; null when none.</summary>
    public TimeSpan? Timeout { get; init; }
}
